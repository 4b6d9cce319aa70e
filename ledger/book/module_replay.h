// SPDX-License-Identifier: Apache-2.0
// A feature module's share of verification (loans, grants). ledger/book cannot depend on the
// modules, so each module registers a factory at program start; every Replay then feeds the
// module the records of its kinds, in log order, and verify asks it to compare what it rebuilt
// with the module's tables.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "audit/record.h"
#include "ledger/store/store.h"

namespace semilla::book {

class Replay;

class ModuleReplay {
 public:
  virtual ~ModuleReplay() = default;
  // True when records of `kind` ("loan.open") belong to this module.
  [[nodiscard]] virtual bool handles(std::string_view kind) const = 0;
  // Applies one verified record. `core` is the book's state replayed so far (accounts,
  // enterprises, transactions up to the previous record). kVerifyFailed naming the record.
  [[nodiscard]] virtual Status apply(const audit::SealedRecord& r, const Replay& core) = 0;
  // Compares the rebuilt state with the module's tables. kVerifyFailed naming the first row
  // that differs, and the record that wrote it where known.
  [[nodiscard]] virtual Status compare(store::Store& store) const = 0;
  // Writes the rebuilt state into the module's tables of a database restored from a bundle
  // (`book import`), after every record and the book's own rows are in; the module's tables
  // are empty before, and compare() holds after.
  [[nodiscard]] virtual Status restore(store::Store& store) const = 0;
  // The seq of the record that closed `month` ("2026-03") when the month is closed after the
  // records applied so far: a module that closes periods answers; the others do not know.
  [[nodiscard]] virtual std::optional<std::uint64_t> closed_by(std::string_view month) const {
    (void)month;
    return std::nullopt;
  }
};

using ModuleReplayFactory = std::unique_ptr<ModuleReplay> (*)();

// Adds a module to every Replay created afterwards. Registering the same factory twice has
// no further effect. Called by the program (cli/main.cpp) and by tests, never concurrently.
void register_module_replay(ModuleReplayFactory factory);

}  // namespace semilla::book
