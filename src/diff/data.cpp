#include "diff/data.h"

#include <algorithm>
#include <map>
#include <set>


namespace reconcile::diff {

bool DataDiff::empty() const {
    return std::none_of(tables.begin(), tables.end(), [](const TableRows& t) { return t.has_changes(); });
}

namespace {

// The tables that declare rows, a table after those its foreign keys reference (declaration
// order otherwise; a cycle keeps it, and its rows are then the person's to order).
std::vector<const model::Table*> in_foreign_key_order(const model::Schema& desired) {
    std::vector<const model::Table*> with_rows;
    for (const auto& t : desired.tables)
        if (t.data) with_rows.push_back(&t);
    std::vector<const model::Table*> out;
    std::set<model::TableRef> placed;
    while (out.size() < with_rows.size()) {
        bool progressed = false;
        for (const model::Table* t : with_rows) {
            if (placed.count(t->ref)) continue;
            const bool ready = std::all_of(t->foreign_keys.begin(), t->foreign_keys.end(), [&](const model::ForeignKey& fk) {
                if (fk.ref_table == t->ref || placed.count(fk.ref_table)) return true;
                return std::none_of(with_rows.begin(), with_rows.end(), [&](const model::Table* o) { return o->ref == fk.ref_table; });
            });
            if (!ready) continue;
            out.push_back(t);
            placed.insert(t->ref);
            progressed = true;
        }
        if (!progressed)  // a cycle: the rest in declaration order
            for (const model::Table* t : with_rows)
                if (placed.insert(t->ref).second) out.push_back(t);
    }
    return out;
}

const model::Table* database_table(const model::Schema& actual, const model::Table& wanted) {
    if (const model::Table* t = actual.find_table(wanted.ref)) return t;
    if (!wanted.renamed_from.empty()) return actual.find_table({wanted.ref.schema, wanted.renamed_from});
    return nullptr;
}

}  // namespace

std::vector<PendingRows> rows_to_read(const model::Schema& desired, const model::Schema& actual,
                                      const std::function<bool(const std::string&, const std::string&)>& types_equal) {
    std::vector<PendingRows> out;
    for (const model::Table* wanted : in_foreign_key_order(desired)) {
        const model::TableData& data = *wanted->data;
        PendingRows pending;
        pending.data = &data;
        TableRows& rows = pending.rows;
        rows.table = wanted->ref;
        rows.mode = data.mode;
        rows.key = data.key;
        rows.columns = wanted->columns;
        const model::Table* existing = database_table(actual, *wanted);
        // A column is compared where the database has it with the model's type; a key column
        // that is not makes every row one to insert (its statement updates a row it meets).
        auto comparable = [&](const std::string& name) -> const model::Column* {
            if (!existing) return nullptr;
            const model::Column* theirs = existing->find_column(name);
            const model::Column* ours = wanted->find_column(name);
            if (!theirs || !ours || !types_equal(ours->type, theirs->type)) return nullptr;
            return theirs;
        };
        const bool keyed = existing && std::all_of(data.key.begin(), data.key.end(), [&](const std::string& k) { return comparable(k); });
        if (!keyed) {
            out.push_back(std::move(pending));
            continue;
        }
        RowsQuery query;
        query.table = existing->ref;
        query.key = data.key;
        query.compare_values = data.mode != model::DataMode::Insert;
        query.find_undeclared = data.mode == model::DataMode::Sync;
        std::map<std::string, std::size_t> index;  // column → index in query.columns
        for (const auto& k : data.key) {
            index[k] = query.columns.size();
            query.columns.push_back(*comparable(k));
        }
        for (const auto& row : data.rows)
            for (const auto& v : row.values) {
                if (index.count(v.column) || pending.unknown.count(v.column)) continue;
                if (const model::Column* c = comparable(v.column)) {
                    index[v.column] = query.columns.size();
                    query.columns.push_back(*c);
                } else {
                    pending.unknown.insert(v.column);
                }
            }
        query.rows.reserve(data.rows.size());
        for (const auto& row : data.rows) {
            std::vector<const model::RowValue*> cells(query.columns.size(), nullptr);
            for (const auto& v : row.values)
                if (auto it = index.find(v.column); it != index.end()) cells[it->second] = &v;
            query.rows.push_back(std::move(cells));
        }
        pending.query = std::move(query);
        out.push_back(std::move(pending));
    }
    return out;
}

DataDiff rows_found(std::vector<PendingRows> pending, const std::vector<RowsFound>& found) {
    DataDiff out;
    for (std::size_t t = 0; t < pending.size(); ++t) {
        PendingRows& p = pending[t];
        const model::TableData& data = *p.data;
        TableRows& rows = p.rows;
        if (!p.query) {
            for (const auto& row : data.rows) rows.inserts.push_back({row});
            out.tables.push_back(std::move(rows));
            continue;
        }
        const RowsQuery& query = *p.query;
        std::vector<const RowDifference*> by_row(data.rows.size(), nullptr);
        for (const auto& d : found.at(t).differing) by_row.at(d.row) = &d;
        for (std::size_t i = 0; i < data.rows.size(); ++i) {
            const model::DataRow& row = data.rows[i];
            const RowDifference* d = by_row[i];
            if (d && d->missing) {
                rows.inserts.push_back({row});
                continue;
            }
            if (data.mode == model::DataMode::Insert) {
                ++rows.untouched;
                continue;
            }
            UpdateRow update{row, {}};
            for (const auto& v : row.values) {
                if (p.unknown.count(v.column)) {
                    update.changes.push_back({v.column, std::nullopt, false, v});
                    continue;
                }
                if (!d) continue;
                for (const auto& [column, from] : d->differing)
                    if (query.columns[column].name == v.column) update.changes.push_back({v.column, from, true, v});
            }
            if (update.changes.empty()) ++rows.in_sync;
            else rows.updates.push_back(std::move(update));
        }
        for (const auto& key : found.at(t).undeclared) rows.deletes.push_back({key});
        out.tables.push_back(std::move(rows));
    }
    return out;
}

}  // namespace reconcile::diff
