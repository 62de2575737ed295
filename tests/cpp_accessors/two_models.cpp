// Two models' generated accessors in one program: they share one dynamodel_runtime library
// (no duplicate symbols), and each model's names live in its own namespace. Needs no server.
#include <iostream>

#include "ecommerce.hpp"
#include "merchant-catalog.hpp"

int main() {
  dynamodel::ClientConfig config;
  config.region = "us-east-1";
  config.endpoint = "http://127.0.0.1:9";  // never called
  dynamodel::Client client(config);
  ecommerce::Table shop(client, "dev-Ecommerce");
  merchant_catalog::Table catalog(client, "dev-MerchantCatalog");
  const bool ok =
      ecommerce::keys::User::PK("u1") == "USER#u1" && merchant_catalog::keys::Merchant::pk("m1") == "MERCHANT#m1";
  std::cout << (ok ? "ok   two models in one program\n" : "FAIL two models in one program: key builders\n");
  return ok ? 0 : 1;
}
