#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The message catalogues (po/README.md):
#   po/update.sh          extract the marked messages of the sources into po/semilla.pot and
#                         merge them into po/es.po (new ones untranslated, changed ones fuzzy)
#   po/update.sh --check  fail when semilla.pot is not what the sources mark, when es.po has a
#                         message untranslated, fuzzy, obsolete or with other placeholders, or
#                         when a file of po/translated-files.txt has a sentence not marked for
#                         translation (the ctest i18n_catalogue)
set -euo pipefail
cd "$(dirname "$0")/.."

# The keywords of ledger/base/lang.h; none of gettext's own, so that nothing else is taken.
extract() {  # extract OUT
  find ledger cli audit \( -name '*.cpp' -o -name '*.h' \) | LC_ALL=C sort |
    xgettext --files-from=- --language=C++ --from-code=UTF-8 --keyword= --keyword=tr \
      --keyword=trf --keyword=tr_noop --add-comments=TRANSLATORS: \
      --flag=tr:1:no-c-format --flag=trf:1:no-c-format --flag=tr_noop:1:no-c-format \
      --add-location=file --sort-by-file --no-wrap --package-name=semilla \
      --package-version=0.1.0 --msgid-bugs-address=https://github.com/semilla/semilla/issues \
      --copyright-holder="The Semilla authors" -o "$1"
  # xgettext writes the year and a creation time; the catalogue should not change with them.
  sed -i -e '/^"POT-Creation-Date:/d' -e 's/^# Copyright (C) [0-9]* /# Copyright (C) /' "$1"
}

if [ "${1:-}" = --check ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  extract "$tmp/semilla.pot"
  if ! diff -u po/semilla.pot "$tmp/semilla.pot"; then
    echo "i18n: po/semilla.pot is stale: run po/update.sh and translate what it adds in po/es.po"
    exit 1
  fi
  # Every message of the template has a translation that is neither empty nor fuzzy.
  if ! msgcmp po/es.po po/semilla.pot; then
    echo "i18n: po/es.po lacks the Spanish of the messages above (or they are fuzzy)"
    exit 1
  fi
  msgfmt --check -o /dev/null po/es.po
  python3 tests/i18n/check_po.py po/es.po po/semilla.pot
  # The files said to be translated have no sentence left unmarked.
  mapfile -t translated < <(grep -v '^#' po/translated-files.txt)
  # shellcheck disable=SC2068  # the globs expand here
  python3 tests/i18n/unmarked_prose.py po/semilla.pot tests/i18n/allowed-english.txt \
    ${translated[@]}
  exit 0
fi

extract po/semilla.pot
msgmerge --quiet --update --backup=none --no-wrap --add-location=file po/es.po po/semilla.pot
echo "po/semilla.pot and po/es.po updated; translate the new and fuzzy messages of po/es.po"
