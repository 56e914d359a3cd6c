ALTER TABLE "customer" RENAME TO "customers"
;
