CREATE SCHEMA jobs;
CREATE TABLE jobs.queue (id int PRIMARY KEY);
CREATE TABLE tmp_import (id int);
CREATE SEQUENCE tmp_counter;
CREATE TABLE old (id int);
