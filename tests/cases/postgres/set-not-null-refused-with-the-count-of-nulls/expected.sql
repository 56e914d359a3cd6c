-- hazards: may-fail
DO $reconcile$
DECLARE nulls bigint;
BEGIN
    SELECT count(*) INTO nulls FROM "public"."people" WHERE "name" IS NULL;
    IF nulls > 0 THEN
        RAISE EXCEPTION 'column public.people.name has % NULL value(s), so it cannot be made NOT NULL; set them first', nulls;
    END IF;
END
$reconcile$
;
-- hazards: blocks-reads
ALTER TABLE "public"."people" ALTER COLUMN "name" SET NOT NULL
;
