// Items per second of the generated ecommerce Order marshalling and key building.
// Prints one line per operation: `<operation>: <items/s> items/s (<ns> ns/item)`.
#include <chrono>
#include <cstdio>
#include <string>

#include "ecommerce.hpp"

namespace {

ecommerce::Order order(int n) {
  ecommerce::Order o;
  o.userId = "01JD000000000000000000" + std::to_string(1000 + n % 1000);
  o.orderId = "01JD00000000000000000" + std::to_string(10000 + n % 10000);
  o.status = "PENDING_PAYMENT";
  o.statusShard = n % 20;
  o.statusUpdatedAt = "2025-02-01T10:00:00.000Z";
  o.createdAt = "2025-02-01T09:00:00.000Z";
  o.currency = "EUR";
  o.totalCents = 4999 + n;
  nlohmann::json lines = nlohmann::json::array();
  for (int i = 0; i < 3; ++i)
    lines.push_back(dynamodel::av::M({{"productId", dynamodel::av::S("p" + std::to_string(i))},
                                      {"quantity", dynamodel::av::N(std::int64_t{i + 1})}}));
  o.lineItems = lines;
  o.shippingAddress =
      nlohmann::json::object({{"city", dynamodel::av::S("Berlin")}, {"zip", dynamodel::av::S("10115")}});
  o.version = 1;
  return o;
}

template <class F>
void measure(const char* what, int count, F&& f) {
  std::size_t sink = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < count; ++i) sink += f(i);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%-44s %10.0f items/s  (%6.0f ns/item)  [%zu]\n", what, count / s, s * 1e9 / count, sink % 10);
}

}  // namespace

int main() {
  const ecommerce::Order o = order(7);
  const nlohmann::json item = ecommerce::to_item(o);
  const std::string text = item.dump();
  constexpr int kCount = 200000;
  measure("key build (PK, SK, GSI1PK, GSI1SK)", kCount, [&](int i) {
    return ecommerce::keys::Order::PK(o.userId).size() + ecommerce::keys::Order::SK(o.orderId).size() +
           ecommerce::keys::Order::GSI1PK(o.status, o.statusShard + i % 2).size() +
           ecommerce::keys::Order::GSI1SK(o.statusUpdatedAt).size();
  });
  measure("key parse (SK, GSI1PK)", kCount, [&](int) {
    ecommerce::Order x;
    return static_cast<std::size_t>(ecommerce::keys::Order::parse_SK("ORDER#01JD0000000000000000010007", x) +
                                    ecommerce::keys::Order::parse_GSI1PK("ORDERSTATUS#PAID#7", x));
  });
  measure("to_item (Order -> AttributeValue json)", kCount, [&](int) { return ecommerce::to_item(o).size(); });
  measure("to_item + dump (-> request text)", kCount, [&](int) { return ecommerce::to_item(o).dump().size(); });
  measure("from_item (AttributeValue json -> Order)", kCount,
          [&](int) { return ecommerce::from_item<ecommerce::Order>(item).orderId.size(); });
  measure("parse + from_item (response text -> Order)", kCount,
          [&](int) { return ecommerce::from_item<ecommerce::Order>(nlohmann::json::parse(text)).orderId.size(); });
  return 0;
}
