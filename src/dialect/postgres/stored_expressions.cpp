// The model's expressions as this server stores them. PostgreSQL keeps a default, a check or a
// view as a parsed tree and prints it back its own way: '24 hours'::interval comes back as
// '24:00:00'::interval, '{"a":1}' on a jsonb column as '{"a": 1}'::jsonb, x BETWEEN 1 AND 2 as
// ((x >= 1) AND (x <= 2)), SIMILAR TO through similar_to_escape(). No client-side rewriting
// can know every type's input function, so where the model's text and the catalog's differ,
// the server is asked: the expression is attached to a temporary copy of the table (or made a
// temporary view), read back with the same deparser the introspector uses, and the result
// becomes the model expression's canonical form. Nothing is left behind: it all happens under
// a savepoint that is rolled back to.
#include <map>

#include "dialect/postgres/postgres_dialect.h"
#include "model/normalize.h"

namespace reconcile::dialect {
namespace {

using namespace postgres;

struct Probe {
    enum Kind { Default, Check, View } kind;
    std::size_t owner;  // index into desired.tables (Default, Check) or desired.views (View)
    std::size_t item;   // the column or check of that table
    std::string name;   // what the probe object is called in the temporary schema
};

// Only what differs by text from the object the diff will compare it with is worth asking
// about: in a schema in sync there is nothing to ask, and no round trip is made.
std::vector<Probe> probes_for(const model::Schema& desired, const model::Schema& actual) {
    std::map<model::TableRef, const model::Table*> have;
    for (const auto& t : actual.tables) have.emplace(t.ref, &t);
    std::vector<Probe> out;
    for (std::size_t ti = 0; ti < desired.tables.size(); ++ti) {
        const auto& t = desired.tables[ti];
        auto h = have.find(t.ref);
        if (h == have.end()) continue;
        for (std::size_t ci = 0; ci < t.columns.size(); ++ci) {
            const auto& c = t.columns[ci];
            const model::Column* hc = h->second->find_column(c.name);
            if (c.default_value && hc && hc->default_value && hc->default_value->canonical != c.default_value->canonical)
                out.push_back(Probe{Probe::Default, ti, ci, c.name});
        }
        for (std::size_t ki = 0; ki < t.checks.size(); ++ki)
            for (const auto& hk : h->second->checks)
                if (hk.name == t.checks[ki].name && hk.expression.canonical != t.checks[ki].expression.canonical)
                    out.push_back(Probe{Probe::Check, ti, ki, "reconcile_check_" + std::to_string(out.size())});
    }
    for (std::size_t vi = 0; vi < desired.views.size(); ++vi)
        for (const auto& hv : actual.views)
            if (hv.ref == desired.views[vi].ref && hv.materialized == desired.views[vi].materialized &&
                hv.definition.canonical != desired.views[vi].definition.canonical)
                out.push_back(Probe{Probe::View, vi, 0, "reconcile_view_" + std::to_string(out.size())});
    return out;
}

std::string probe_table_name(std::size_t table) { return "reconcile_probe_" + std::to_string(table); }

// Runs `sql` under its own savepoint: a model expression the server rejects (it would fail at
// apply too, where the person sees the server's message) only loses its own probe.
bool attempt(db::Connection& connection, const std::string& sql) {
    connection.savepoint();
    try {
        connection.execute(sql);
    } catch (const SqlError&) {
        connection.rollback_to_savepoint();
        return false;
    }
    connection.release_savepoint();
    return true;
}

constexpr const char* kReadBack = R"SQL(
SELECT 'd', c.relname, a.attname, pg_catalog.pg_get_expr(d.adbin, d.adrelid)
FROM pg_catalog.pg_attrdef d
JOIN pg_catalog.pg_class c ON c.oid = d.adrelid
JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
WHERE c.relnamespace = pg_catalog.pg_my_temp_schema() AND c.relname LIKE 'reconcile\_probe\_%'
UNION ALL
SELECT 'c', c.relname, con.conname, pg_catalog.pg_get_expr(con.conbin, con.conrelid)
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
WHERE c.relnamespace = pg_catalog.pg_my_temp_schema() AND con.contype = 'c' AND con.conname LIKE 'reconcile\_check\_%'
UNION ALL
SELECT 'v', c.relname, '', pg_catalog.pg_get_viewdef(c.oid)
FROM pg_catalog.pg_class c
WHERE c.relnamespace = pg_catalog.pg_my_temp_schema() AND c.relkind = 'v' AND c.relname LIKE 'reconcile\_view\_%'
)SQL";

}  // namespace

bool PostgresDialect::has_expressions_to_ask(const model::Schema& desired, const model::Schema& actual) const {
    return !probes_for(desired, actual).empty();
}

std::optional<model::Schema> PostgresDialect::expressions_as_stored(db::Connection& connection, const model::Schema& desired,
                                                                    const model::Schema& actual) const {
    const std::vector<Probe> probes = probes_for(desired, actual);
    if (probes.empty()) return std::nullopt;
    // A server that cannot make temporary objects here (a standby, a role without TEMP) is not
    // asked: the comparison stays the client-side one.
    try {
        connection.savepoint();
    } catch (const SqlError&) {
        return std::nullopt;
    }
    std::map<std::string, std::string> stored;  // probe key → the server's text
    try {
        std::map<std::size_t, bool> table_made;  // desired table index → its copy exists
        for (const auto& p : probes) {
            if (p.kind == Probe::View) {
                const auto& v = desired.views[p.owner];
                // A materialized view's query is printed as a plain view's (and cannot be temporary).
                attempt(connection, "CREATE TEMPORARY VIEW " + quote_double(p.name) + " AS " + v.definition.text);
                continue;
            }
            const auto& t = desired.tables[p.owner];
            auto made = table_made.find(p.owner);
            if (made == table_made.end())
                made = table_made.emplace(p.owner, attempt(connection, "CREATE TEMPORARY TABLE " + quote_double(probe_table_name(p.owner)) +
                                                                           " (LIKE " + qualified(t.ref) + ")")).first;
            if (!made->second) continue;
            const std::string alter = "ALTER TABLE pg_temp." + quote_double(probe_table_name(p.owner));
            if (p.kind == Probe::Default)
                attempt(connection, alter + " ALTER COLUMN " + quote_double(p.name) + " SET DEFAULT " + t.columns[p.item].default_value->text);
            else
                attempt(connection, alter + " ADD CONSTRAINT " + quote_double(p.name) + " CHECK (" + t.checks[p.item].expression.text +
                                        ") NOT VALID");
        }
        for (const auto& row : connection.query(kReadBack))
            if (row.size() == 4 && row[0] && row[1] && row[2] && row[3])
                stored.emplace(*row[0] + "/" + *row[1] + "/" + *row[2], *row[3]);
        connection.rollback_to_savepoint();
    } catch (const SqlError&) {
        connection.rollback_to_savepoint();
        return std::nullopt;
    }

    model::Schema out = desired;
    for (const auto& p : probes) {
        switch (p.kind) {
            case Probe::Default:
                if (auto it = stored.find("d/" + probe_table_name(p.owner) + "/" + p.name); it != stored.end())
                    out.tables[p.owner].columns[p.item].default_value->canonical = model::canonical_expression(it->second);
                break;
            case Probe::Check:
                if (auto it = stored.find("c/" + probe_table_name(p.owner) + "/" + p.name); it != stored.end())
                    out.tables[p.owner].checks[p.item].expression.canonical = model::canonical_expression(it->second);
                break;
            case Probe::View:
                if (auto it = stored.find("v/" + p.name + "/"); it != stored.end())
                    out.views[p.owner].definition.canonical = model::canonical_query(view_query(it->second));
                break;
        }
    }
    return out;
}

}  // namespace reconcile::dialect
