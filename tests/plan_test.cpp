#include <catch2/catch.hpp>

#include "dialect/dialect.h"
#include "diff/differ.h"
#include "plan/plan.h"
#include "support/harness.h"

using namespace reconcile;

namespace {

plan::Plan plan_for(const std::string& toml, const model::Schema& have, db::Engine engine) {
    auto want = testing::schema_from_toml(toml);
    const auto& d = dialect::dialect_for(engine);
    return plan::make_plan(diff::compare(want, have, d.diff_hooks()), d);
}

std::vector<std::string> step_names(const plan::Plan& p) {
    std::vector<std::string> out;
    for (const auto& s : p.steps)
        out.push_back(std::string(diff::to_string(diff::kind_of(s.change))) + ":" + diff::object_name(s.change));
    return out;
}

// c references b references a, declared in the opposite order; plus a cycle x <-> y.
const char* kTables = R"T(
[[tables]]
name = "c"
columns = [{ name = "id", type = "int", primary_key = true }, { name = "b_id", type = "int" }]
foreign_keys = [{ columns = ["b_id"], references = { table = "b", columns = ["id"] } }]
indexes = [{ columns = ["b_id"] }]
[[tables]]
name = "b"
columns = [{ name = "id", type = "int", primary_key = true }, { name = "a_id", type = "int" }]
foreign_keys = [{ columns = ["a_id"], references = { table = "a", columns = ["id"] } }]
[[tables]]
name = "a"
columns = [{ name = "id", type = "int", primary_key = true }, { name = "parent_id", type = "int" }]
foreign_keys = [{ columns = ["parent_id"], references = { table = "a", columns = ["id"] } }]
[[tables]]
name = "x"
columns = [{ name = "id", type = "int", primary_key = true }, { name = "y_id", type = "int" }]
foreign_keys = [{ columns = ["y_id"], references = { table = "y", columns = ["id"] } }]
[[tables]]
name = "y"
columns = [{ name = "id", type = "int", primary_key = true }, { name = "x_id", type = "int" }]
foreign_keys = [{ columns = ["x_id"], references = { table = "x", columns = ["id"] } }]
)T";

}  // namespace

TEST_CASE("tables are created after the tables they reference, and cycles close with ALTER", "[plan]") {
    auto p = plan_for(kTables, {}, db::Engine::PostgreSQL);
    CHECK(step_names(p) == std::vector<std::string>{"table:a", "table:b", "table:c", "table:x", "table:y",
                                                   "index:c_b_id_idx", "foreign key:x_y_id_fkey"});
    // x was created without its reference to y; a self-reference stays inline.
    const auto& x = std::get<diff::CreateTable>(p.steps[3].change).table;
    CHECK(x.foreign_keys.empty());
    CHECK(std::get<diff::CreateTable>(p.steps[0].change).table.foreign_keys.size() == 1);
    CHECK(p.statements().back().sql.find("ALTER TABLE \"public\".\"x\" ADD CONSTRAINT \"x_y_id_fkey\"") != std::string::npos);
}

TEST_CASE("SQLite keeps forward references inline", "[plan]") {
    auto p = plan_for(kTables, {}, db::Engine::SQLite);
    CHECK(step_names(p) == std::vector<std::string>{"table:a", "table:b", "table:c", "table:x", "table:y",
                                                   "index:c_b_id_idx"});
    CHECK(std::get<diff::CreateTable>(p.steps[3].change).table.foreign_keys.size() == 1);
}

TEST_CASE("what SQLite cannot do in place is one rebuild of the table", "[plan]") {
    auto have = testing::schema_from_toml(R"T(
[[tables]]
name = "t"
columns = [{ name = "id", type = "int", primary_key = true }]
)T");
    auto p = plan_for(R"T(
[[tables]]
name = "t"
columns = [
  { name = "id", type = "int", primary_key = true },
  { name = "code", type = "text", nullable = false },
  { name = "note", type = "text", default = "'none'" },
  { name = "seen_at", type = "timestamptz", default = "CURRENT_TIMESTAMP" },
]
indexes = [{ columns = ["code"] }, { columns = ["note"] }]
checks = [{ name = "t_id_check", expression = "id > 0" }]
)T", have, db::Engine::SQLite);
    // The NOT NULL column without a default, the non-constant default and the check need the
    // table made again; the rebuild makes everything else of the table too.
    CHECK(step_names(p) == std::vector<std::string>{"table:t"});
    CHECK(p.warnings.empty());
    const auto& rebuild = std::get<diff::RebuildTable>(p.steps[0].change);
    CHECK(rebuild.to.columns.size() == 4);
    CHECK(rebuild.because.size() == 6);  // 3 columns, 2 indexes and 1 check added
    CHECK(p.steps[0].hazards().front().kind == plan::HazardKind::RewritesTable);
}

TEST_CASE("PostgreSQL plans every additive change on an existing table", "[plan]") {
    auto have = testing::schema_from_toml(R"T(
[[tables]]
name = "t"
columns = [{ name = "id", type = "int" }]
)T");
    auto p = plan_for(R"T(
[[tables]]
name = "t"
columns = [{ name = "id", type = "int", primary_key = true }, { name = "code", type = "text", nullable = false, unique = true }]
checks = [{ name = "t_code_check", expression = "code <> ''" }]
indexes = [{ columns = ["code", "id"] }]
)T", have, db::Engine::PostgreSQL);
    // id is nullable in the database and NOT NULL in the model (it joins the primary key): made
    // NOT NULL, after a count of its NULLs, before the key that needs it.
    CHECK(step_names(p) == std::vector<std::string>{"column:id", "column:code", "primary key:t_pkey", "unique constraint:t_code_key",
                                                   "check:t_code_check", "index:t_code_id_idx"});
    CHECK(p.warnings.empty());
    // The count, then the online path: a NOT VALID check, validated, used by SET NOT NULL, dropped.
    REQUIRE(p.steps[0].statements.size() == 5);
    CHECK(p.steps[0].statements[0].has(plan::HazardKind::MayFail));
    CHECK(p.steps[0].statements[2].has(plan::HazardKind::Validates));
    CHECK(p.steps[0].statements[3].sql == "ALTER TABLE \"public\".\"t\" ALTER COLUMN \"id\" SET NOT NULL");
    CHECK(p.steps[0].statements[3].hazards.empty());
    REQUIRE(p.steps[1].hazards().size() == 1);
    CHECK(p.steps[1].hazards()[0].kind == plan::HazardKind::MayFail);
    CHECK_THAT(p.steps[1].hazards()[0].reason, Catch::Contains("fails if public.t has rows"));
}
