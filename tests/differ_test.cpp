#include <catch2/catch.hpp>

#include <map>

#include "dialect/dialect.h"
#include "diff/differ.h"
#include "policy/policy.h"
#include "report/sentences.h"
#include "support/harness.h"

using namespace reconcile;
using diff::WarningKind;

namespace {

const char* kModel = R"T(
[[tables]]
name = "orgs"
columns = [
  { name = "id", type = "bigint", primary_key = true },
  { name = "name", type = "text", nullable = false },
  { name = "plan", type = "text", nullable = false, default = "'free'" },
]
  [[tables.indexes]]
  columns = ["name"]
  [[tables.checks]]
  name = "orgs_name_check"
  expression = "length(name) > 0"

[[tables]]
name = "users"
columns = [
  { name = "id", type = "bigint", primary_key = true },
  { name = "org_id", type = "bigint" },
]
  [[tables.foreign_keys]]
  columns = ["org_id"]
  references = { table = "orgs", columns = ["id"] }
)T";

const diff::Hooks& pg_hooks() {
    static diff::Hooks h = dialect::dialect_for(db::Engine::PostgreSQL).diff_hooks();
    return h;
}

template <class T>
std::size_t count_of(const diff::Diff& d) {
    std::size_t n = 0;
    for (const auto& c : d.changes) n += std::holds_alternative<T>(c);
    return n;
}

}  // namespace

TEST_CASE("an empty database gets every table", "[diff]") {
    auto want = testing::schema_from_toml(kModel);
    auto d = diff::compare(want, model::Schema{}, pg_hooks());
    CHECK(d.changes.size() == 2);
    CHECK(count_of<diff::CreateTable>(d) == 2);
    CHECK(d.warnings.empty());
}

TEST_CASE("a model compared with itself is in sync", "[diff]") {
    auto want = testing::schema_from_toml(kModel);
    auto d = diff::compare(want, want, pg_hooks());
    CHECK(d.changes.empty());
    CHECK(d.warnings.empty());
    // 2 tables, 5 columns, 2 primary keys, 1 index, 1 check, 1 foreign key
    CHECK(d.in_sync.size() == 12);
}

TEST_CASE("every difference of existing tables is a typed change, and drops are the policy's", "[diff]") {
    auto want = testing::schema_from_toml(kModel);
    auto have = want;
    auto& orgs = have.tables[0];
    orgs.columns.pop_back();                        // plan missing → AddColumn
    orgs.columns[1].type = "character varying(10)"; // type differs → ModifyColumn
    orgs.indexes.clear();                            // → AddIndex
    orgs.checks[0].expression.canonical = "length name > 1";  // → replaced: DropConstraint + AddCheck
    auto& users = have.tables[1];
    users.foreign_keys.clear();                      // → AddForeignKey
    users.columns[1].nullable = false;               // → ModifyColumn
    model::Column legacy;
    legacy.name = "legacy", legacy.type = "text";
    users.columns.push_back(legacy);  // → DropColumn
    have.tables.emplace_back().ref = {"public", "old_stuff"};  // → DropTable

    auto d = diff::compare(want, have, pg_hooks());
    CHECK(count_of<diff::AddColumn>(d) == 1);
    CHECK(count_of<diff::AddIndex>(d) == 1);
    CHECK(count_of<diff::AddForeignKey>(d) == 1);
    CHECK(count_of<diff::AddCheck>(d) == 1);
    CHECK(count_of<diff::DropConstraint>(d) == 1);
    CHECK(count_of<diff::ModifyColumn>(d) == 2);
    CHECK(count_of<diff::DropColumn>(d) == 1);
    CHECK(count_of<diff::DropTable>(d) == 1);
    CHECK(d.changes.size() == 9);
    CHECK(d.warnings.empty());
    for (const auto& c : d.changes)
        if (auto* m = std::get_if<diff::ModifyColumn>(&c)) {
            CHECK(m->differs.any());
            CHECK(m->from.name == m->to.name);
            if (m->to.name == "name") CHECK((m->differs.type && !m->differs.nullability && m->from.type == "character varying(10)"));
            else CHECK((m->differs.nullability && !m->differs.type && !m->from.nullable && m->to.nullable));
        } else if (auto* drop = std::get_if<diff::DropConstraint>(&c)) {
            CHECK(drop->replaced);  // the model declares it again: a modification, not a drop
            CHECK(diff::effect_of(c) == diff::Effect::Modify);
        }

    // Without --allow-drop the drops are reports, and nothing else changes.
    auto held = policy::withhold_drops(d, policy::Policy{});
    CHECK(held.changes.size() == 7);
    std::map<WarningKind, int> kinds;
    for (const auto& w : held.warnings) ++kinds[w.kind];
    CHECK(kinds[WarningKind::NotInModel] == 2);  // users.legacy and table old_stuff
    for (const auto& w : held.warnings) CHECK_THAT(report::message(w), Catch::Contains("--allow-drop"));
    CHECK(policy::withhold_drops(d, policy::Policy{true, {}}).changes.size() == 9);
}

TEST_CASE("objects are matched by what they are, not only by name", "[diff]") {
    auto want = testing::schema_from_toml(kModel);
    auto have = want;
    have.tables[0].indexes[0].name = "ix_orgs_name";             // Alembic's name for the same index
    have.tables[1].foreign_keys[0].name = "fk_users_org";        // another tool's FK name
    have.tables[0].checks[0].name = "";                          // SQLite: an unnamed inline check
    auto d = diff::compare(want, have, pg_hooks());
    CHECK(d.changes.empty());
    CHECK(d.warnings.empty());
}

TEST_CASE("a unique index in the database satisfies a unique constraint in the model", "[diff]") {
    auto want = testing::schema_from_toml(R"T(
[[tables]]
name = "users"
columns = [{ name = "id", type = "bigint", primary_key = true }, { name = "email", type = "text", unique = true }]
)T");
    auto have = want;
    have.tables[0].uniques.clear();
    have.tables[0].indexes.push_back(model::Index::on_columns("ix_users_email", {"email"}, true));
    auto d = diff::compare(want, have, pg_hooks());
    CHECK(d.changes.empty());
    CHECK(d.warnings.empty());
}

TEST_CASE("ignored tables are neither created nor reported", "[diff]") {
    auto want = testing::schema_from_toml(kModel);
    auto have = want;
    have.tables.emplace_back().ref = {"public", "alembic_version"};
    auto d = diff::compare(want, have, pg_hooks());
    CHECK(d.warnings.empty());
    CHECK(d.changes.empty());
    // Declared by the model and missing from the database: not created either.
    auto declaring = want;
    declaring.tables.emplace_back().ref = {"public", "alembic_version"};
    declaring.tables.back().columns.push_back(model::Column{});
    declaring.tables.back().columns.back().name = "version_num";
    declaring.tables.back().columns.back().type = "character varying(32)";
    auto created = diff::compare(declaring, want, pg_hooks());
    CHECK(created.changes.empty());
    CHECK(created.warnings.empty());
}

TEST_CASE("SQLite compares column types by affinity", "[diff]") {
    auto hooks = dialect::dialect_for(db::Engine::SQLite).diff_hooks();
    CHECK(hooks.types_equal("character varying(20)", "text"));
    CHECK(hooks.types_equal("bigserial", "integer"));
    CHECK(hooks.types_equal("double precision", "real"));
    CHECK_FALSE(hooks.types_equal("text", "integer"));
    CHECK_FALSE(pg_hooks().types_equal("character varying(20)", "text"));
}
