// SPDX-License-Identifier: Apache-2.0
#include "cli/csv_reports.h"

#include "cli/csv_out.h"

namespace semilla::cli {
namespace {

using nlohmann::json;

const std::vector<std::string> kArrearsColumns = {
    "currency", "group", "key", "loans", "gross_outstanding_principal", "par30", "par90",
    "par30_principal", "par90_principal"};

// `one` with the members of `extra` added.
json with(json one, const json& extra) {
  for (const auto& [key, value] : extra.items()) one[key] = value;
  return one;
}

// One row per figure of each item of `items` ({"grant": ..., "figures": [...]}), keyed by
// `key`.
json figure_rows(const json& items, const char* key) {
  json rows = json::array();
  for (const auto& item : items) {
    for (const auto& f : item.at("figures")) {
      rows.push_back(with(f, {{key, item.at(key)}, {"status", item.at("status")}}));
    }
  }
  return rows;
}

}  // namespace

void write_schedule_csv(std::ostream& out, const json& quote) {
  write_csv(out, {"", &quote.at("installments"),
                  {"n", "due_date", "principal", "interest", "fee", "total", "balance"}});
}

void write_loan_status_csv(std::ostream& out, const json& status) {
  std::vector<std::string> columns = {"n", "due_date", "status"};
  for (const char* part : {"due", "paid"}) {
    for (const char* c : {"principal", "interest", "fee", "penalty", "total"}) {
      columns.push_back(std::string(part) + "." + c);
    }
  }
  write_csv(out, {"", &status.at("installments"), columns});
}

void write_portfolio_csv(std::ostream& out, const json& portfolio) {
  json groups = json::array(), aging = json::array(), written_off = json::array();
  for (const auto& c : portfolio.at("currencies")) {
    const json cur = {{"currency", c.at("currency")}};
    groups.push_back(with(c, {{"group", "total"}}));
    for (const auto& [name, key] : {std::pair{"by_product", "product"},
                                    std::pair{"by_cohort", "cohort"}}) {
      for (const auto& g : c.at(name)) {
        groups.push_back(with(g, {{"currency", c.at("currency")}, {"group", key},
                                  {"key", g.at(key)}}));
      }
    }
    for (const auto& b : c.at("buckets")) aging.push_back(with(b, cur));
    written_off.push_back(with(c.at("written_off"), cur));
  }
  json partners = json::array(), positions = json::array();
  for (const auto& p : portfolio.value("partner_loans", json::array())) {
    partners.push_back(p);
    for (const auto& l : p.at("positions")) {
      positions.push_back(with(l, {{"issuer", p.at("issuer")}, {"currency", p.at("currency")}}));
    }
  }
  const json at_risk = portfolio.value("at_risk", json::array());
  std::vector<std::string> partner_columns = kArrearsColumns;
  partner_columns.insert(partner_columns.begin(), "issuer");
  partner_columns.push_back("written_off");
  write_csv_sections(
      out, {{"portfolio", &groups, kArrearsColumns},
            {"aging", &aging, {"currency", "bucket", "loans", "principal"}},
            {"written_off", &written_off, {"currency", "loans", "amount", "recovered"}},
            {"partner", &partners, partner_columns},
            {"partner_position", &positions,
             {"issuer", "currency", "loan_id", "enterprise", "as_of", "status", "days_past_due",
              "arrears", "outstanding_principal", "audit_seq"}},
            {"at_risk", &at_risk,
             {"loan", "enterprise", "product", "currency", "days_past_due", "overdue",
              "at_risk"}}});
}

void write_statement_csv(std::ostream& out, const json& statement) {
  const json grants = figure_rows(statement.at("grants"), "grant");
  const json loans = figure_rows(statement.at("loans"), "loan");
  const std::vector<std::string> figure = {"kind", "currency", "opening", "period", "closing"};
  std::vector<std::string> grant_columns = {"grant", "status"}, loan_columns = {"loan", "status"};
  grant_columns.insert(grant_columns.end(), figure.begin(), figure.end());
  loan_columns.insert(loan_columns.end(), figure.begin(), figure.end());
  write_csv_sections(
      out, {{"summary", &statement.at("summary"), figure},
            {"line", &statement.at("lines"),
             {"date", "transaction", "ref", "memo", "account", "amount", "currency", "balance"}},
            {"grant", &grants, grant_columns},
            {"loan", &loans, loan_columns},
            {"transaction", &statement.at("transactions"),
             {"date", "transaction", "kind", "ref", "memo", "account", "amount", "currency"}}});
}

void write_grant_status_csv(std::ostream& out, const json& status) {
  write_csv_sections(
      out, {{"tranche", &status.at("tranches"), {"n", "amount", "conditions", "paid"}},
            {"event", &status.at("events"),
             {"audit_seq", "type", "date", "tranche", "amount", "in_kind", "description",
              "supplier", "reason", "override_reason", "transaction"}}});
}

}  // namespace semilla::cli
