// Internal: records ⇄ JSON in the shape of ../shared/contract/records.md. Shared by the store
// (which keeps each document's record) and the renderers.
#pragma once

#include <parindex/records.hpp>

#include <nlohmann/json.hpp>

namespace parindex::records {

using Json = nlohmann::ordered_json;

// 1.0 → 1, 1.5 → 1.5: documents write whole numbers without decimals, and so do we.
Json number(std::optional<double> v);
Json to_json(const Document& d);
Json to_json(const Score& s);
Json to_json(const Where& w);
Document document_from_json(const Json& j);

} // namespace parindex::records
