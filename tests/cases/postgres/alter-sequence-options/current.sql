CREATE SEQUENCE invoice_numbers AS integer INCREMENT BY 1 START WITH 1;
SELECT nextval('invoice_numbers'); SELECT nextval('invoice_numbers');
