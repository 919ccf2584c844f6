// parindex/extract.hpp — from a document's text to records.
#pragma once

#include <parindex/records.hpp>

#include <atomic>
#include <vector>

namespace parindex::extract {

// Fills metadata, scores, component-index rows, targets, tasks and cited documents from the
// pages of one document. Tables arrive as tab-separated rows (text input, DOCX and the OCR
// stage's table reader all produce that shape). Never throws on odd text: what it cannot read
// stays empty or null. `id`, `source` and `pipeline` of the result are left for the caller.
// When `stop` is given and turns true (SIGINT, SIGTERM), throws InterruptedError between two
// paragraphs, so a stop is honoured within milliseconds even in a 16 MB text.
Document extract(const std::vector<PageText>& pages, const std::atomic<bool>* stop = nullptr);

// PAR component 1..8 named by a heading or criterion title ("Cải cách thể chế" → 2), if any.
std::optional<int> component_from_name(std::string_view name);

} // namespace parindex::extract
