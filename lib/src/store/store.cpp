// store::Store: picks the backend its "path" names and forwards to it (store_backend.hpp).
#include <parindex/store.hpp>
#include <parindex/text.hpp>

#include "store/store_backend.hpp"

#include <cstdlib>

namespace parindex::store {

struct Store::Impl {
  std::unique_ptr<Backend> backend;
};

std::filesystem::path default_path() {
  const char* env = std::getenv("PARINDEX_DB");
  if (env && *env) return env;
  return "parindex.db";
}

bool is_server(const std::string& db) { return is_postgres(db); }

Store::Store(const std::filesystem::path& path, Mode mode)
  : m_path(path), m_impl(std::make_unique<Impl>()) {
  const std::string name = path.string();
  if (is_postgres(name)) {
    // The conninfo may carry a password: from here on the store is known by its redacted name.
    m_path = redacted(name);
    m_impl->backend = open_postgres(name, m_path.string(), mode);
  } else {
    m_impl->backend = open_sqlite(path, mode);
  }
}

Store::~Store() = default;

bool Store::contains(const std::string& id) const { return m_impl->backend->contains(id); }
void Store::begin_batch() { m_impl->backend->begin_batch(); }
int Store::batch_size() const { return m_impl->backend->batch_size(); }
void Store::commit_batch() { m_impl->backend->commit_batch(); }
void Store::end_batch() { m_impl->backend->end_batch(); }
void Store::set_interrupt(std::function<bool()> overdue) { m_impl->backend->set_interrupt(std::move(overdue)); }
bool Store::insert(const Document& doc, const std::vector<PageText>& pages) {
  return m_impl->backend->insert(doc, pages);
}
std::optional<Document> Store::document(const std::string& id_or_prefix) const {
  return m_impl->backend->document(id_or_prefix);
}
std::vector<Document> Store::documents() const {
  std::vector<Document> out;
  m_impl->backend->each_document([&](Document d) { out.push_back(std::move(d)); });
  return out;
}
void Store::each_document(const std::function<void(Document)>& f) const { m_impl->backend->each_document(f); }
std::vector<DocumentSummary> Store::summaries() const { return m_impl->backend->summaries(); }
std::vector<PageText> Store::text(const std::string& id) const { return m_impl->backend->text(id); }
std::vector<ScoreRow> Store::scores(const ScoreFilter& filter) const { return m_impl->backend->scores(filter); }
std::vector<TaskRow> Store::tasks(const TaskFilter& filter) const { return m_impl->backend->tasks(filter); }
std::vector<UnitSummary> Store::units() const { return m_impl->backend->units(); }
std::optional<UnitSummary> Store::unit(const std::string& name) const {
  auto found = m_impl->backend->units(detail::unit_key(text::to_nfc(name)));
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}
std::vector<SearchHit> Store::search(const std::string& query, const std::optional<std::string>& unit,
                                     int limit) const {
  return m_impl->backend->search(query, unit, limit);
}
std::vector<IndexRowRef> Store::indices(const std::optional<std::string>& unit) const {
  return m_impl->backend->indices(unit);
}
std::vector<TargetRow> Store::targets(const std::optional<std::string>& unit, std::optional<int> year) const {
  return m_impl->backend->targets(unit, year);
}
std::vector<Correction> Store::correct(const CorrectionRequest& request) {
  return m_impl->backend->correct(request);
}
std::vector<Correction> Store::corrections() const { return m_impl->backend->corrections(); }
int Store::import_corrections(const std::vector<Correction>& list) {
  return m_impl->backend->import_corrections(list);
}
std::optional<Document> Store::extracted(const std::string& id) const { return m_impl->backend->extracted(id); }
void Store::replace(const Document& doc) { m_impl->backend->replace(doc); }

CopyCounts copy(const Store& from, Store& to) {
  CopyCounts n;
  // Corrections first: a document's rows are written as corrected when it arrives.
  n.corrections = to.import_corrections(from.corrections());
  for (const auto& id : from.m_impl->backend->ingest_order()) {
    if (to.contains(id)) continue;
    auto doc = from.extracted(id);
    if (doc && to.insert(*doc, from.text(id))) ++n.documents;
  }
  return n;
}

} // namespace parindex::store
