// dynamodel: validate DynamoDB table designs and generate IaC and code from them.
#include "cli/cli.hpp"

int main(int argc, char** argv) { return dynamodel::cli::run(argc, argv); }
