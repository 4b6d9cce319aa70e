// SPDX-License-Identifier: Apache-2.0
#include "ledger/exchange/fields_internal.h"

#include <cctype>
#include <string_view>
#include <utility>

namespace semilla::exchange {
namespace {

// "--birth-year" → "birth_year", "NAME" → "name", "--ref" → "external_id".
std::string member_for(std::string_view option) {
  if (option == "--ref") return "external_id";
  if (option == "--type") return "account_type";
  if (option == "NAME") return "name";
  if (option == "ID") return "id";
  std::string out;
  for (char c : option.substr(option.rfind("--") == 0 ? 2 : 0)) out += c == '-' ? '_' : c;
  return out;
}

std::string posting_member(const Error& e) {
  switch (e.code) {
    case ErrorCode::kNotFound:
      return "/account";
    case ErrorCode::kCurrencyMismatch:
      return "/currency";
    default:
      // A currency the batch wrote and Semilla does not know is named at the currency member
      // itself (PostingDraft::currency_field); what is left is the amount's.
      return "/amount";
  }
}

// The loans' and grants' field names (their command-line spellings) and the batch members.
constexpr std::pair<std::string_view, std::string_view> kModuleFields[] = {
    {"LOAN-ID", "loan"},         {"GRANT-ID", "grant"},
    {"ENTERPRISE-ID", "enterprise"}, {"ENTERPRISE", "enterprise"},
    {"AMOUNT", "amount"},        {"NAME", "name"},
    {"--date", "date"},          {"--ref", "external_id"},
    {"--tranche", "tranche"},    {"--cash-account", "cash_account"},
    {"--in-kind", "in_kind"},    {"--supplier", "supplier"},
    {"--override-reason", "override_reason"},
    {"--enterprise", "enterprise"},  {"--product", "product"},
    {"--principal", "principal"},    {"--fund", "fund"},
    {"CODE", "fund"}};

std::string module_member(const Error& e, const nlohmann::json& op) {
  for (const auto& [field, key] : kModuleFields) {
    if (e.field != field) continue;
    if (key == "amount" && e.code == ErrorCode::kCurrencyMismatch && op.contains("currency")) {
      return "currency";
    }
    return std::string(key);
  }
  return "";
}

// "give --override-reason to disburse anyway" → "give override_reason to disburse anyway".
void rename_options_in(std::string& message) {
  for (const auto& [field, key] : kModuleFields) {
    if (field.rfind("--", 0) != 0) continue;
    std::size_t pos = 0;
    while ((pos = message.find(field, pos)) != std::string::npos) {
      const std::size_t end = pos + field.size();
      const bool whole = end == message.size() ||
                         !(std::isalnum(static_cast<unsigned char>(message[end])) != 0 ||
                           message[end] == '-');
      if (whole) {
        message.replace(pos, field.size(), key);
        pos += key.size();
      } else {
        pos = end;
      }
    }
  }
}

}  // namespace

void rename_module_fields(Errors& errors, std::size_t first, const std::string& at,
                          const nlohmann::json& op) {
  for (std::size_t i = first; i < errors.size(); ++i) {
    Error& e = errors[i];
    if (!e.field.empty() && e.field.front() == '/') continue;
    const std::string key = module_member(e, op);
    e.field = !key.empty() && op.contains(key) ? at + "/" + key : at;
    rename_options_in(e.message);
  }
}

void rename_fields(Errors& errors, std::size_t first, const std::string& at) {
  for (std::size_t i = first; i < errors.size(); ++i) {
    Error& e = errors[i];
    std::string tail;
    if (e.field.empty()) {
      e.field = at;
      continue;
    }
    if (e.field.rfind(at + "/", 0) == 0) {
      tail = e.field.substr(at.size() + 1);
    } else if (e.field.front() == '/') {
      continue;
    } else {
      tail = e.field;
    }
    if (tail.rfind("postings/", 0) == 0 && tail.find('/', 9) == std::string::npos) {
      e.field = at + "/" + tail + posting_member(e);
    } else if (tail == "postings") {
      e.field = at + "/postings";
    } else {
      e.field = at + "/" + member_for(tail);
    }
  }
}

}  // namespace semilla::exchange
