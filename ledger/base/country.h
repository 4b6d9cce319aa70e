// SPDX-License-Identifier: Apache-2.0
// Countries for enterprise nationality: ISO 3166-1 alpha-2.
#pragma once

#include <string_view>

namespace semilla {

// True for the 249 officially assigned ISO 3166-1 alpha-2 codes ("VE", "CO", "EC"), and for
// two user-assigned codes that humanitarian programmes need: "XK" (Kosovo, as the European
// Commission and UNHCR write it) and "XX" (stateless, or nationality unknown).
[[nodiscard]] bool is_country_code(std::string_view code);

}  // namespace semilla
