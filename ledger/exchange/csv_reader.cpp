// SPDX-License-Identifier: Apache-2.0
#include "ledger/exchange/csv_reader.h"

#include <algorithm>

#include "ledger/base/limits.h"
#include "ledger/base/text.h"
#include "ledger/exchange/csv_messages.h"

namespace semilla::exchange::csv {
namespace {

std::string_view without_bom(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

// One pass over the bytes: cells, records, and where a quoted value opened.
class Splitter {
 public:
  Splitter(std::string_view text, char separator) : text_(text), separator_(separator) {}

  Result<Table, Errors> run() {
    Table table;
    table.separator = separator_;
    std::vector<std::string> record;
    std::string cell;
    while (at_ < text_.size()) {
      if (!read_cell(cell)) break;
      record.push_back(std::move(cell));
      cell.clear();
      if (at_ >= text_.size() || text_[at_] != separator_) {
        end_line();
        finish_record(table, record);
        if (stopped_) break;
      } else {
        ++at_;
        ++column_;
        if (at_ == text_.size()) {  // "a,b," at the very end: the last cell is empty
          record.emplace_back();
          finish_record(table, record);
        }
      }
    }
    if (!errors_.empty()) return errors_;
    return table;
  }

 private:
  // Reads one cell up to (not including) its separator or line end; false when the file
  // ends inside a quoted value (reported).
  bool read_cell(std::string& cell) {
    if (at_ < text_.size() && text_[at_] == '"') return read_quoted(cell);
    while (at_ < text_.size() && text_[at_] != separator_ && text_[at_] != '\n' &&
           text_[at_] != '\r') {
      cell += text_[at_++];
    }
    return true;
  }

  bool read_quoted(std::string& cell) {
    const std::size_t row = rows_ + 1, column = column_;
    ++at_;
    for (;;) {
      const auto close = text_.find('"', at_);
      if (close == std::string_view::npos) {
        errors_.push_back(make_error(ErrorCode::kInvalid, msg::cell(row, column, ""),
                                     msg::unclosed_quote()));
        at_ = text_.size();
        return false;
      }
      cell.append(text_.substr(at_, close - at_));
      at_ = close + 1;
      if (at_ < text_.size() && text_[at_] == '"') {  // "" is one quote
        cell += '"';
        ++at_;
        continue;
      }
      break;
    }
    if (at_ < text_.size() && text_[at_] != separator_ && text_[at_] != '\n' &&
        text_[at_] != '\r') {
      errors_.push_back(make_error(ErrorCode::kInvalid, msg::cell(row, column, ""),
                                   msg::text_after_quote()));
      while (at_ < text_.size() && text_[at_] != separator_ && text_[at_] != '\n' &&
             text_[at_] != '\r') {
        ++at_;  // skip to the cell's end: the next cells are still checked
      }
    }
    return true;
  }

  // CRLF, LF or a lone CR (old Mac spreadsheets) ends the record.
  void end_line() {
    if (at_ < text_.size() && text_[at_] == '\r') ++at_;
    if (at_ < text_.size() && text_[at_] == '\n') ++at_;
  }

  void finish_record(Table& table, std::vector<std::string>& record) {
    ++rows_;
    if (rows_ > limits::kBatchOperationsMax) {
      errors_.push_back(make_error(ErrorCode::kLimitExceeded, msg::row(rows_),
                                   msg::too_many_rows(limits::kBatchOperationsMax)));
      stopped_ = true;
      return;
    }
    for (std::size_t c = 0; c < record.size(); ++c) check_cell(record[c], c);
    table.records.push_back(std::move(record));
    record.clear();
    column_ = 0;
  }

  void check_cell(const std::string& cell, std::size_t column) {
    if (cell.size() > limits::kImportStringBytesMax) {
      errors_.push_back(make_error(ErrorCode::kLimitExceeded, msg::cell(rows_, column, ""),
                                   msg::cell_too_long(cell.size(),
                                                      limits::kImportStringBytesMax)));
    } else if (!is_valid_utf8(cell)) {
      errors_.push_back(make_error(ErrorCode::kInvalid, msg::cell(rows_, column, ""),
                                   msg::not_utf8()));
    }
  }

  std::string_view text_;
  char separator_;
  std::size_t at_ = 0, rows_ = 0, column_ = 0;
  bool stopped_ = false;
  Errors errors_;
};

}  // namespace

char detect_separator(std::string_view text, std::size_t header_index) {
  text = without_bom(text);
  std::size_t record = 0, commas = 0, semicolons = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size() && record <= header_index; ++i) {
    const char c = text[i];
    if (c == '"') {
      quoted = !quoted;  // a doubled quote toggles twice
    } else if (!quoted && (c == '\n' || c == '\r')) {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++record;
    } else if (!quoted && record == header_index) {
      commas += c == ',' ? 1 : 0;
      semicolons += c == ';' ? 1 : 0;
    }
  }
  return semicolons > commas ? ';' : ',';
}

Result<Table, Errors> read(std::string_view text, char separator) {
  return Splitter(without_bom(text), separator).run();
}

bool is_blank(const std::vector<std::string>& record) {
  return std::all_of(record.begin(), record.end(), [](const std::string& cell) {
    return cell.find_first_not_of(" \t") == std::string::npos;
  });
}

Errors check_widths(const Table& table, std::size_t header_index) {
  Errors errors;
  if (header_index >= table.records.size()) return errors;
  const std::size_t width = table.records[header_index].size();
  for (std::size_t i = header_index + 1; i < table.records.size(); ++i) {
    const auto& record = table.records[i];
    if (record.size() != width && !is_blank(record)) {
      errors.push_back(make_error(ErrorCode::kInvalid, msg::row(i + 1),
                                  msg::wrong_width(record.size(), width)));
    }
  }
  return errors;
}

std::string column_letter(std::size_t index) {
  std::string out;
  for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) {
    out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return out;
}

}  // namespace semilla::exchange::csv
