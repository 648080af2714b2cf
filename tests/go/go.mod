module wring.test/gotests

go 1.19
