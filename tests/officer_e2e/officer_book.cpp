// SPDX-License-Identifier: Apache-2.0
#include "tests/officer_e2e/officer_book.h"

namespace semilla::e2e {

void make_officer_book(const Cli& cli) {
  make_sample_book(cli);
  cli.ok({"enterprise", "add", "PU-003", "--name", "Costura Puyo", "--sex", "female",
          "--province", "Pastaza"});
  cli.ok({"fund", "add", "BID-2026", "--donor", "BID Lab", "--currency", "USD", "--from",
          "2026-01-01", "--to", "2026-12-31", "--budget", "seed-capital-cash=30000"});
  cli.ok({"fund", "receive", "BID-2026", "50000.00", "--date", "2026-01-15", "--ref",
          "SWIFT-001"});
  cli.ok({"loan", "product", "add", "CREDI-6", "--currency", "USD", "--rate", "24",
          "--installments", "6", "--cash-account", "Assets:Bank:Pichincha"});
  cli.ok({"loan", "open", "L-001", "--enterprise", "PU-003", "--product", "CREDI-6",
          "--principal", "1000", "--date", "2026-01-15"});
  cli.ok({"loan", "disburse", "L-001", "--date", "2026-01-15"});
  cli.ok({"milestone", "define", "plan-approved", "--label", "Business plan approved"});
  cli.ok({"milestone", "record", "PU-003", "plan-approved", "--date", "2026-02-01"});
  cli.ok({"grant", "award", "GR-003", "--enterprise", "PU-003", "--fund", "BID-2026",
          "--date", "2026-02-10", "--tranche", "600:plan-approved", "--tranche", "600",
          "--tranche", "600"});
  cli.ok({"grant", "disburse", "GR-003", "--tranche", "1", "--date", "2026-02-15"});
  cli.ok({"loan", "repay", "L-001", "178.53", "--date", "2026-02-15", "--ref", "MFI-A/1"});
  cli.ok({"grant", "disburse", "GR-003", "--tranche", "2", "--date", "2026-03-15"});
  cli.ok({"grant", "disburse", "GR-003", "--tranche", "3", "--date", "2026-04-15"});
  cli.ok({"post", "--date", "2026-05-02", "--memo", "Market stall rent", "--enterprise",
          "PU-003", "--debit", "Expenses:Seed=50", "--credit", "Assets:Bank:Pichincha=50"});
}

nlohmann::json run_json(const Cli& cli, std::vector<std::string> args) {
  args.insert(args.begin(), "--json");
  const std::string out = cli.ok(args);
  return nlohmann::json::parse(out.empty() ? "null" : out);
}

}  // namespace semilla::e2e
