-- Runs once, when the PostgreSQL volume is new: the same databases ./oktioneer up creates.
CREATE DATABASE oktioneer_preference;
CREATE DATABASE oktioneer_auction;
CREATE DATABASE oktioneer_gateway;
