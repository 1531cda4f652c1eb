package io.telepay.order;

import java.util.List;
import java.util.Optional;

import io.telepay.customer.CustomerDirectory;
import io.telepay.identity.StaffDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.shared.Deployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Demo orders on the first start of the embedded default, taken by the demo agents for the demo
 * customers: confirmed ones in TWD and CNY with their read-back, drafts, and a cancelled one. Made
 * through the same commands as the API, acting as the agent, so reach, audit and events all apply.
 */
@Component
@Order(45)
@ConditionalOnProperty(name = "telepay.command", havingValue = "server", matchIfMissing = true)
class OrderDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(OrderDemoData.class);

    private final Deployment deployment;
    private final StaffDirectory staff;
    private final CustomerDirectory customers;
    private final Orders orders;
    private final OrderRows rows;

    OrderDemoData(Deployment deployment, StaffDirectory staff, CustomerDirectory customers, Orders orders, OrderRows rows) {
        this.deployment = deployment;
        this.staff = staff;
        this.customers = customers;
        this.orders = orders;
        this.rows = rows;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!deployment.demo() || rows.count() > 0) {
            return;
        }
        Optional<StaffUser> agent = staff.findByUsername("agent");
        Optional<StaffUser> agent2 = staff.findByUsername("agent2");
        if (agent.isEmpty() || agent2.isEmpty() || customers.idForPhone("+886912345678").isEmpty()) {
            return;
        }
        int made = actingAs(agent.get(), () -> {
            int n = 0;
            n += order("+886912345678", List.of(new RequestedLine("HEALTH-GIFT-01", 2)),
                    new ShippingAddress("林淑芬", "+886912345678", List.of("台北市信義區信義路五段7號12樓"), "110", "TW"),
                    ReadBackLanguage.ZH_TW, Outcome.CONFIRMED);
            n += order("0933-222-111", List.of(new RequestedLine("TRAVEL-INS-7D", 1)), null, null, Outcome.DRAFT);
            n += order("+8613812345678", List.of(new RequestedLine("ENG-ONLINE-12M", 1), new RequestedLine("TEA-GIFT-CN", 2)),
                    new ShippingAddress("張美惠", "+8613812345678", List.of("上海市浦东新区世纪大道100号", "环球金融中心 25 楼"), "200120", "CN"),
                    ReadBackLanguage.ZH_CN, Outcome.CONFIRMED);
            return n;
        });
        made += actingAs(agent2.get(), () -> {
            int n = 0;
            n += order("0955-666-777", List.of(new RequestedLine("AIR-PURIFIER-X1", 1)),
                    new ShippingAddress("劉家豪", "0955-666-777", List.of("新北市板橋區文化路一段188號"), "220", "TW"),
                    null, Outcome.CANCELLED);
            n += order("+8613987654321", List.of(new RequestedLine("TEA-GIFT-CN", 3)),
                    new ShippingAddress("王小明", "+8613987654321", List.of("北京市朝阳区建国路88号"), "100022", "CN"),
                    null, Outcome.DRAFT);
            return n;
        });
        log.info("Demo orders: {} (confirmed, drafts and a cancelled one) for the demo agents", made);
    }

    private enum Outcome { DRAFT, CONFIRMED, CANCELLED }

    /** 1 when the order was made; 0 when its customer or products are missing from this workspace. */
    private int order(String phone, List<RequestedLine> lines, ShippingAddress address, ReadBackLanguage language,
                      Outcome outcome) {
        Optional<String> customer = customers.idForPhone(phone);
        if (customer.isEmpty()) {
            return 0;
        }
        try {
            OrderDetails order = orders.create(new NewOrder(customer.get(), null, null, lines, address));
            switch (outcome) {
                case CONFIRMED -> orders.confirm(order.id(), ConfirmOrder.ON_ORDER_CALL, language);
                case CANCELLED -> orders.cancel(order.id(), "客戶改變主意，下次再訂");
                case DRAFT -> { }
            }
            return 1;
        } catch (OrderRefused productsMissing) {
            log.info("demo order for a customer skipped: {}", productsMissing.getMessage());
            return 0;
        }
    }

    private static int actingAs(StaffUser user, java.util.function.IntSupplier work) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(user.actor(), null, List.of()));
        SecurityContextHolder.setContext(context);
        try {
            return work.getAsInt();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
