// SPDX-License-Identifier: Apache-2.0
#include "ledger/exchange/fields_internal.h"

#include <string_view>

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
      return e.message.find("currency") != std::string::npos &&
                     e.message.find("decimal") == std::string::npos
                 ? "/currency"
                 : "/amount";
  }
}

}  // namespace

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
