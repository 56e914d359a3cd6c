// The model's expressions as this server stores them. PostgreSQL keeps a default, a check, an
// index's expressions and predicate, a policy's USING and WITH CHECK, a domain, a view or a
// SQL-standard function body as a parsed tree and prints it back its own way: '24 hours'::interval comes back as
// '24:00:00'::interval, '{"a":1}' on a jsonb column as '{"a": 1}'::jsonb, x BETWEEN 1 AND 2 as
// ((x >= 1) AND (x <= 2)), SIMILAR TO through similar_to_escape(). No client-side rewriting
// can know every type's input function, so where the model's text and the catalog's differ,
// the server is asked: the expression is attached to a temporary copy of the table (or made a
// temporary view or domain), read back with the same deparser the introspector uses, and the result
// becomes the model expression's canonical form. Nothing is left behind: it all happens under
// a savepoint that is rolled back to.
#include <algorithm>
#include <map>

#include "dialect/postgres/postgres_dialect.h"
#include "model/index_definition.h"
#include "model/normalize.h"

namespace reconcile::dialect {
namespace {

using namespace postgres;

struct Probe {
    enum Kind { Default, Check, Index, Policy, Trigger, View, Domain, Function } kind;
    std::size_t owner;  // index into desired.tables (Default, Check, Index, Policy, Trigger), .views, .domains or .functions
    std::size_t item;   // the column, check, index, policy or trigger of that table
    std::string name;   // what the probe object is called in the temporary schema
    model::TableRef like = {};  // Default, Check, Index, Policy: the table whose copy holds it
};

bool has_expressions(const model::Index& idx) {
    return idx.where || std::any_of(idx.keys.begin(), idx.keys.end(), [](const model::IndexKey& k) { return k.expression.has_value(); });
}

// Whether the diff may take `idx` for an index of `existing` once both are read the same way,
// and so whether the server must be asked how it stores `idx`. The diff matches by name (or
// by the name it is renamed from) first, and looks for a twin under another name only when
// none has the name, and only among the indexes no model index names. So an index in sync
// by name and text is asked nothing, whatever other indexes of its shape the table has: a
// routine dry run of a schema in sync runs no DDL (the probes' temporary objects are DDL,
// seen by event triggers, audit logs and replication).
bool may_match(const model::Index& idx, const std::vector<model::Index>& existing, const std::vector<model::Index>& declared) {
    auto existing_named = [&](const std::string& name) -> const model::Index* {
        for (const auto& e : existing)
            if (e.name == name) return &e;
        return nullptr;
    };
    auto declared_named = [&](const std::string& name) {
        return std::any_of(declared.begin(), declared.end(), [&](const model::Index& d) { return d.name == name; });
    };
    auto differs_by_text = [&](const model::Index& e) { return !e.unsupported_definition && !e.same_definition(idx); };
    if (const model::Index* e = existing_named(idx.name)) return differs_by_text(*e);
    if (!idx.renamed_from.empty() && !declared_named(idx.renamed_from))
        if (const model::Index* e = existing_named(idx.renamed_from)) return differs_by_text(*e);
    bool same_shape = false;
    for (const auto& e : existing) {
        if (e.unsupported_definition || declared_named(e.name)) continue;
        if (e.same_definition(idx)) return false;  // a twin already, by its text
        if (e.unique == idx.unique && e.method == idx.method && e.keys.size() == idx.keys.size() &&
            e.where.has_value() == idx.where.has_value() && has_expressions(e))
            same_shape = true;
    }
    return same_shape;
}

std::vector<std::string> sorted_checks(const model::Domain& d) {
    std::vector<std::string> out;
    for (const auto& c : d.checks) out.push_back(c.expression.canonical);
    std::sort(out.begin(), out.end());
    return out;
}

// Only what differs by text from the object the diff will compare it with is worth asking
// about: in a schema in sync there is nothing to ask, and no round trip is made.
std::vector<Probe> probes_for(const model::Schema& desired, const model::Schema& actual) {
    std::map<model::TableRef, const model::Table*> have, declared;
    for (const auto& t : actual.tables) have.emplace(t.ref, &t);
    for (const auto& t : desired.tables) declared.emplace(t.ref, &t);
    std::vector<Probe> out;
    auto next_name = [&](const char* kind) { return std::string("reconcile_") + kind + "_" + std::to_string(out.size()); };
    for (std::size_t ti = 0; ti < desired.tables.size(); ++ti) {
        const auto& t = desired.tables[ti];
        auto h = have.find(t.ref);
        if (h == have.end()) {
            // A new partition's indexes are compared with its existing ancestor's (the ones
            // CREATE TABLE … PARTITION OF will make), on a copy of that ancestor.
            auto ancestor = model::nearest_ancestor(t, declared, have);
            if (!ancestor) continue;
            for (std::size_t ii = 0; ii < t.indexes.size(); ++ii)
                if (has_expressions(t.indexes[ii]) && may_match(t.indexes[ii], have.at(*ancestor)->indexes, t.indexes))
                    out.push_back(Probe{Probe::Index, ti, ii, next_name("index"), *ancestor});
            continue;
        }
        for (std::size_t ci = 0; ci < t.columns.size(); ++ci) {
            const auto& c = t.columns[ci];
            const model::Column* hc = h->second->find_column(c.name);
            if (c.default_value && hc && hc->default_value && hc->default_value->canonical != c.default_value->canonical)
                out.push_back(Probe{Probe::Default, ti, ci, c.name, t.ref});
        }
        for (std::size_t ki = 0; ki < t.checks.size(); ++ki)
            for (const auto& hk : h->second->checks)
                if (hk.name == t.checks[ki].name && hk.expression.canonical != t.checks[ki].expression.canonical)
                    out.push_back(Probe{Probe::Check, ti, ki, next_name("check"), t.ref});
        auto differs = [](const std::optional<model::Expression>& a, const std::optional<model::Expression>& b) {
            return a && b && a->canonical != b->canonical;
        };
        for (std::size_t pi = 0; pi < t.policies.size(); ++pi)
            for (const auto& hp : h->second->policies)
                if (hp.name == t.policies[pi].name &&
                    (differs(t.policies[pi].using_expression, hp.using_expression) || differs(t.policies[pi].with_check, hp.with_check)))
                    out.push_back(Probe{Probe::Policy, ti, pi, next_name("policy"), t.ref});
        // A trigger's WHEN ('2020-01-01' against a timestamptz column comes back cast).
        for (std::size_t gi = 0; gi < t.triggers.size(); ++gi)
            for (const auto& hg : h->second->triggers)
                if (hg.name == t.triggers[gi].name && !t.triggers[gi].body && differs(t.triggers[gi].when, hg.when))
                    out.push_back(Probe{Probe::Trigger, ti, gi, next_name("trigger"), t.ref});
        // Only an index with expressions or a predicate can be read otherwise than it was written.
        for (std::size_t ii = 0; ii < t.indexes.size(); ++ii)
            if (has_expressions(t.indexes[ii]) && may_match(t.indexes[ii], h->second->indexes, t.indexes))
                out.push_back(Probe{Probe::Index, ti, ii, next_name("index"), t.ref});
    }
    for (std::size_t di = 0; di < desired.domains.size(); ++di) {
        const auto& d = desired.domains[di];
        for (const auto& hd : actual.domains)
            if (hd.ref == d.ref &&
                (d.default_value.has_value() != hd.default_value.has_value() ||
                 (d.default_value && d.default_value->canonical != hd.default_value->canonical) || sorted_checks(d) != sorted_checks(hd)))
                out.push_back(Probe{Probe::Domain, di, 0, next_name("domain")});
    }
    // A SQL-standard body and the arguments' defaults are kept parsed and printed back their
    // own way ('1 day' as '1 day'::interval), as a view's query is.
    std::map<std::string, const model::Function*> functions;
    for (const auto& f : actual.functions) functions.emplace(f.signature(), &f);
    for (std::size_t fi = 0; fi < desired.functions.size(); ++fi) {
        const auto& f = desired.functions[fi];
        auto h = functions.find(f.signature());
        if (h == functions.end()) continue;
        const bool body_differs = f.sql_body && h->second->sql_body && h->second->body != f.body;
        bool default_differs = false;
        if (h->second->arguments.size() == f.arguments.size())
            for (std::size_t a = 0; a < f.arguments.size(); ++a) {
                const auto &want = f.arguments[a].default_value, &have = h->second->arguments[a].default_value;
                default_differs = default_differs || (want && have && want->canonical != have->canonical);
            }
        // Under its own name (in pg_temp): a body prints its parameters qualified by it
        // (known_account.wanted).
        if (body_differs || default_differs) out.push_back(Probe{Probe::Function, fi, 0, f.ref.name});
    }
    for (std::size_t vi = 0; vi < desired.views.size(); ++vi)
        for (const auto& hv : actual.views)
            if (hv.ref == desired.views[vi].ref && hv.materialized == desired.views[vi].materialized &&
                hv.definition.canonical != desired.views[vi].definition.canonical)
                out.push_back(Probe{Probe::View, vi, 0, next_name("view")});
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
SELECT 'u', c.relname, p.polname, pg_catalog.pg_get_expr(p.polqual, p.polrelid)
FROM pg_catalog.pg_policy p
JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
WHERE c.relnamespace = pg_catalog.pg_my_temp_schema() AND p.polname LIKE 'reconcile\_policy\_%' AND p.polqual IS NOT NULL
UNION ALL
SELECT 'w', c.relname, p.polname, pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid)
FROM pg_catalog.pg_policy p
JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
WHERE c.relnamespace = pg_catalog.pg_my_temp_schema() AND p.polname LIKE 'reconcile\_policy\_%' AND p.polwithcheck IS NOT NULL
UNION ALL
SELECT 'r', c.relname, t.tgname, pg_catalog.pg_get_triggerdef(t.oid)
FROM pg_catalog.pg_trigger t
JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
WHERE c.relnamespace = pg_catalog.pg_my_temp_schema() AND t.tgname LIKE 'reconcile\_trigger\_%'
UNION ALL
SELECT 'v', c.relname, '', pg_catalog.pg_get_viewdef(c.oid)
FROM pg_catalog.pg_class c
WHERE c.relnamespace = pg_catalog.pg_my_temp_schema() AND c.relkind = 'v' AND c.relname LIKE 'reconcile\_view\_%'
UNION ALL
SELECT 'i', c.relname, '', pg_catalog.pg_get_indexdef(c.oid)
FROM pg_catalog.pg_class c
WHERE c.relnamespace = pg_catalog.pg_my_temp_schema() AND c.relkind = 'i' AND c.relname LIKE 'reconcile\_index\_%'
UNION ALL
SELECT 'f', p.proname || '(' || pg_catalog.oidvectortypes(p.proargtypes) || ')', '', pg_catalog.pg_get_function_sqlbody(p.oid)
FROM pg_catalog.pg_proc p
WHERE p.pronamespace = pg_catalog.pg_my_temp_schema() AND p.prosqlbody IS NOT NULL
UNION ALL
SELECT 'g', p.proname || '(' || pg_catalog.oidvectortypes(p.proargtypes) || ')', '', pg_catalog.pg_get_expr(p.proargdefaults, 0)
FROM pg_catalog.pg_proc p
WHERE p.pronamespace = pg_catalog.pg_my_temp_schema() AND p.proargdefaults IS NOT NULL
UNION ALL
SELECT 't', t.typname, '', t.typdefault
FROM pg_catalog.pg_type t
WHERE t.typnamespace = pg_catalog.pg_my_temp_schema() AND t.typtype = 'd' AND t.typname LIKE 'reconcile\_domain\_%'
  AND t.typdefault IS NOT NULL
UNION ALL
SELECT 'k', t.typname, con.conname, pg_catalog.pg_get_expr(con.conbin, 0)
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_type t ON t.oid = con.contypid
WHERE t.typnamespace = pg_catalog.pg_my_temp_schema() AND con.contype = 'c' AND t.typname LIKE 'reconcile\_domain\_%'
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
        // LIKE takes a share lock on the table it copies: behind a migration's exclusive lock, a
        // dry run would wait as long as it runs. Waiting a little, then giving up on that probe
        // (the client-side comparison stays), is better. Undone with the savepoint.
        connection.execute("SET LOCAL lock_timeout = '2s'");
        std::map<std::size_t, bool> table_made;  // desired table index → its copy exists
        for (const auto& p : probes) {
            if (p.kind == Probe::View) {
                const auto& v = desired.views[p.owner];
                // A materialized view's query is printed as a plain view's (and cannot be temporary).
                attempt(connection, "CREATE TEMPORARY VIEW " + quote_double(p.name) + " AS " + v.definition.text);
                continue;
            }
            if (p.kind == Probe::Function) {
                model::Function f = desired.functions[p.owner];
                f.ref = model::TableRef{"pg_temp", p.name};
                for (const auto& statement : render(diff::ReplaceFunction{f, f}).statements) attempt(connection, statement.sql);
                continue;
            }
            if (p.kind == Probe::Domain) {
                const auto& d = desired.domains[p.owner];
                std::string create = "CREATE DOMAIN pg_temp." + quote_double(p.name) + " AS " + d.type;
                if (d.default_value) create += " DEFAULT " + d.default_value->text;
                for (std::size_t k = 0; k < d.checks.size(); ++k)
                    create += " CONSTRAINT " + quote_double(p.name + "_" + std::to_string(k)) + " CHECK (" + d.checks[k].expression.text + ")";
                attempt(connection, create);
                continue;
            }
            const auto& t = desired.tables[p.owner];
            auto made = table_made.find(p.owner);
            if (made == table_made.end())
                made = table_made.emplace(p.owner, attempt(connection, "CREATE TEMPORARY TABLE " + quote_double(probe_table_name(p.owner)) +
                                                                           " (LIKE " + qualified(p.like) + ")")).first;
            if (!made->second) continue;
            const std::string alter = "ALTER TABLE pg_temp." + quote_double(probe_table_name(p.owner));
            if (p.kind == Probe::Default) {
                attempt(connection, alter + " ALTER COLUMN " + quote_double(p.name) + " SET DEFAULT " + t.columns[p.item].default_value->text);
            } else if (p.kind == Probe::Policy) {
                // Its expressions only: the roles are the catalog's names, compared as they are.
                const model::Policy& policy = t.policies[p.item];
                std::string create = "CREATE POLICY " + quote_double(p.name) + " ON pg_temp." + quote_double(probe_table_name(p.owner)) + " FOR " +
                                     model::upper_ascii(policy.command);
                if (policy.using_expression) create += " USING (" + policy.using_expression->text + ")";
                if (policy.with_check) create += " WITH CHECK (" + policy.with_check->text + ")";
                attempt(connection, create);
            } else if (p.kind == Probe::Trigger) {
                // The renderer's own CREATE TRIGGER, on the copy and under the probe's name.
                model::Trigger trigger = t.triggers[p.item];
                trigger.name = p.name;
                trigger.comment.reset();
                trigger.state = "enabled";
                for (const auto& statement : render(diff::CreateTrigger{model::TableRef{"pg_temp", probe_table_name(p.owner)}, trigger}).statements)
                    attempt(connection, statement.sql);
            } else if (p.kind == Probe::Index) {
                // The renderer's own CREATE INDEX, on the copy and under the probe's name.
                model::Index idx = t.indexes[p.item];
                idx.name = p.name;
                idx.comment.reset();
                for (const auto& statement : render(diff::AddIndex{model::TableRef{"pg_temp", probe_table_name(p.owner)}, idx, std::nullopt, false}).statements)
                    attempt(connection, statement.sql);
            } else {
                attempt(connection, alter + " ADD CONSTRAINT " + quote_double(p.name) + " CHECK (" + t.checks[p.item].expression.text +
                                        ") NOT VALID");
            }
        }
        const CatalogSearchPath pinned(connection);  // printed as inspect() prints the catalog
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
            case Probe::Policy: {
                model::Policy& policy = out.tables[p.owner].policies[p.item];
                if (auto it = stored.find("u/" + probe_table_name(p.owner) + "/" + p.name); it != stored.end() && policy.using_expression)
                    policy.using_expression->canonical = model::canonical_expression(it->second);
                if (auto it = stored.find("w/" + probe_table_name(p.owner) + "/" + p.name); it != stored.end() && policy.with_check)
                    policy.with_check->canonical = model::canonical_expression(it->second);
                break;
            }
            case Probe::Trigger: {
                model::Trigger& trigger = out.tables[p.owner].triggers[p.item];
                if (auto it = stored.find("r/" + probe_table_name(p.owner) + "/" + p.name); it != stored.end() && trigger.when)
                    if (auto when = trigger_condition(it->second)) trigger.when->canonical = model::canonical_expression(*when);
                break;
            }
            case Probe::View:
                if (auto it = stored.find("v/" + p.name + "/"); it != stored.end())
                    out.views[p.owner].definition.canonical = model::canonical_query(view_query(it->second));
                break;
            case Probe::Index: {
                auto it = stored.find("i/" + p.name + "/");
                if (it == stored.end()) break;
                auto read = model::parse_index_definition(it->second, model::IndexSqlFlavour::PostgreSQL);
                model::Index& idx = out.tables[p.owner].indexes[p.item];
                if (!read || read->keys.size() != idx.keys.size() || read->where.has_value() != idx.where.has_value()) break;
                for (std::size_t k = 0; k < idx.keys.size(); ++k)
                    if (idx.keys[k].expression && read->keys[k].expression)
                        idx.keys[k].expression->canonical = read->keys[k].expression->canonical;
                if (idx.where) idx.where->canonical = read->where->canonical;
                break;
            }
            case Probe::Function: {
                model::Function& f = out.functions[p.owner];
                const std::string key = p.name + "(" + f.signature_types() + ")/";
                if (auto it = stored.find("f/" + key); it != stored.end() && f.sql_body) f.stored_body = it->second;
                // The defaults belong to the last inputs, as the introspector reads them.
                if (auto it = stored.find("g/" + key); it != stored.end()) {
                    const std::vector<std::string> defaults = split_list(it->second);
                    std::size_t d = defaults.size();
                    for (std::size_t i = f.arguments.size(); i-- > 0 && d > 0;) {
                        auto& arg = f.arguments[i];
                        if (arg.mode != "in" && arg.mode != "inout" && arg.mode != "variadic") continue;
                        --d;
                        if (arg.default_value) arg.default_value->canonical = model::canonical_expression(defaults[d]);
                    }
                }
                break;
            }
            case Probe::Domain: {
                model::Domain& d = out.domains[p.owner];
                if (auto it = stored.find("t/" + p.name + "/"); it != stored.end() && d.default_value)
                    d.default_value->canonical = model::canonical_expression(it->second);
                for (std::size_t k = 0; k < d.checks.size(); ++k)
                    if (auto it = stored.find("k/" + p.name + "/" + p.name + "_" + std::to_string(k)); it != stored.end())
                        d.checks[k].expression.canonical = model::canonical_expression(it->second);
                break;
            }
        }
    }
    return out;
}

}  // namespace reconcile::dialect
