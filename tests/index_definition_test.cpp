#include <catch2/catch.hpp>

#include "model/index_definition.h"
#include "model/normalize.h"

using reconcile::model::IndexSqlFlavour;
using reconcile::model::parse_index_definition;

TEST_CASE("pg_get_indexdef output is read into keys, method, INCLUDE and WHERE", "[index_definition]") {
    auto idx = parse_index_definition(
        "CREATE UNIQUE INDEX \"Docs_Key\" ON public.docs USING btree (lower((email)::text), created_at DESC, "
        "title COLLATE \"C\" text_pattern_ops, rank NULLS FIRST, ((rank + 1)) DESC NULLS LAST) INCLUDE (body, \"Odd\") "
        "WHERE (deleted_at IS NULL)",
        IndexSqlFlavour::PostgreSQL);
    REQUIRE(idx);
    CHECK(idx->name == "Docs_Key");
    CHECK(idx->unique);
    CHECK(idx->method == "btree");
    REQUIRE(idx->keys.size() == 5);
    REQUIRE(idx->keys[0].expression);
    CHECK(idx->keys[0].expression->text == "lower((email)::text)");
    CHECK(idx->keys[0].expression->canonical == reconcile::model::canonical_expression("lower(email)"));
    CHECK(idx->keys[1].column == "created_at");
    CHECK(idx->keys[1].descending);
    CHECK(idx->keys[1].nulls_first);  // DESC defaults to NULLS FIRST
    CHECK(idx->keys[2].collation == "C");
    CHECK(idx->keys[2].opclass == "text_pattern_ops");
    CHECK_FALSE(idx->keys[3].descending);
    CHECK(idx->keys[3].nulls_first);
    REQUIRE(idx->keys[4].expression);
    CHECK(idx->keys[4].expression->text == "(rank + 1)");
    CHECK(idx->keys[4].descending);
    CHECK_FALSE(idx->keys[4].nulls_first);
    CHECK(idx->include == std::vector<std::string>{"body", "Odd"});
    REQUIRE(idx->where);
    CHECK(idx->where->text == "(deleted_at IS NULL)");
}

TEST_CASE("UNIQUE NULLS NOT DISTINCT is read", "[index_definition]") {
    auto idx = parse_index_definition("CREATE UNIQUE INDEX i ON ONLY public.t USING btree (a, b) INCLUDE (c) NULLS NOT DISTINCT",
                                      IndexSqlFlavour::PostgreSQL);
    REQUIRE(idx);
    CHECK_FALSE(idx->nulls_distinct);
    CHECK(idx->include == std::vector<std::string>{"c"});
}

TEST_CASE("index methods, ONLY and qualified operator classes", "[index_definition]") {
    auto gin = parse_index_definition("CREATE INDEX t_gin ON ONLY app.t USING gin (body public.gin_trgm_ops)",
                                      IndexSqlFlavour::PostgreSQL);
    REQUIRE(gin);
    CHECK(gin->method == "gin");
    CHECK(gin->keys[0].column == "body");
    CHECK(gin->keys[0].opclass == "gin_trgm_ops");
}

TEST_CASE("SQLite's stored CREATE INDEX text is read, keeping identifier case", "[index_definition]") {
    auto idx = parse_index_definition(
        "CREATE UNIQUE INDEX IF NOT EXISTS [Ix] ON \"Docs\" ((lower(Email)), \"Rank\" DESC, email COLLATE NOCASE) "
        "WHERE deleted_at IS NULL -- trailing comment",
        IndexSqlFlavour::SQLite);
    REQUIRE(idx);
    CHECK(idx->name == "Ix");
    REQUIRE(idx->keys.size() == 3);
    CHECK(idx->keys[0].expression->canonical == reconcile::model::canonical_expression("lower(email)"));
    CHECK(idx->keys[1].column == "Rank");
    CHECK(idx->keys[1].descending);
    CHECK(idx->keys[2].collation == "NOCASE");
    CHECK(idx->where->canonical == reconcile::model::canonical_expression("deleted_at IS NULL"));
}

TEST_CASE("storage parameters are read as name=value, in the order given", "[index_definition]") {
    auto idx = parse_index_definition("CREATE INDEX i ON ONLY public.t USING gin (a) WITH (fastupdate='false', gin_pending_list_limit='128') "
                                      "WHERE (a IS NOT NULL)",
                                      IndexSqlFlavour::PostgreSQL);
    REQUIRE(idx);
    CHECK(idx->with == std::vector<std::string>{"fastupdate=false", "gin_pending_list_limit=128"});
    REQUIRE(idx->where);
    CHECK(idx->where->text == "(a IS NOT NULL)");
    CHECK(reconcile::model::storage_parameter(" FillFactor = 70 ") == std::optional<std::string>("fillfactor=70"));
    CHECK_FALSE(reconcile::model::storage_parameter("fillfactor"));
    CHECK_FALSE(reconcile::model::storage_parameter("fillfactor=70) WHERE (true"));
}

TEST_CASE("index definitions the model cannot express are refused with a reason", "[index_definition]") {
    std::string why;
    CHECK_FALSE(parse_index_definition("CREATE INDEX i ON public.t USING btree (a) TABLESPACE fast", IndexSqlFlavour::PostgreSQL, &why));
    CHECK_THAT(why, Catch::Contains("TABLESPACE"));
    CHECK_FALSE(parse_index_definition("CREATE INDEX i ON public.t USING gist (a tsvector_ops (siglen='32'))",
                                       IndexSqlFlavour::PostgreSQL, &why));
    CHECK_THAT(why, Catch::Contains("operator class parameters"));
    CHECK_FALSE(parse_index_definition("CREATE INDEX i ON t (a", IndexSqlFlavour::SQLite, &why));
}

TEST_CASE("an unnamed index gets the name PostgreSQL would give it", "[index_definition]") {
    using reconcile::model::IndexKey;
    IndexKey column, call, other;
    column.column = "org_id";
    call.expression = reconcile::model::Expression{"lower(email)", "lower(email)"};
    other.expression = reconcile::model::Expression{"a + b", "a+b"};
    CHECK(reconcile::model::default_index_name("users", {column, call}) == "users_org_id_lower_idx");
    CHECK(reconcile::model::default_index_name("users", {other}) == "users_expr_idx");
}
