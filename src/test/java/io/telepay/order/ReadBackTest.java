package io.telepay.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.telepay.shared.Money;
import io.telepay.redaction.NoteRedactor;
import org.junit.jupiter.api.Test;

class ReadBackTest {

    private static OrderDetails order(List<OrderLine> lines, Money total, ShippingAddress address) {
        Instant now = Instant.parse("2026-03-01T02:00:00Z");
        return new OrderDetails("ord_readback", "K7M2QX9P", OrderStatus.DRAFT, "cus_1", null, "usr_1", lines, total, address, null,
                null, null, null, new OrderDetails.Fulfilment(OrderDetails.Fulfilment.NOT_STARTED, null, null),
                "usr_1", now, now);
    }

    private static OrderLine line(String sku, String name, int quantity, String unit, String currency, String fulfilment) {
        Money price = Money.of(unit, currency);
        return new OrderLine(sku, "prd_" + sku, name, quantity, price, price.times(quantity), fulfilment);
    }

    @Test
    void traditionalChineseReadsLinesQuantitiesTotalAndAddress() {
        var address = new ShippingAddress("林淑芬", "+886912345678", List.of("台北市信義區信義路五段7號12樓"), "110", "TW");
        ReadBack readBack = ReadBack.of(order(List.of(
                line("HEALTH-GIFT-01", "保健食品禮盒", 2, "1999", "TWD", "SHIPMENT"),
                line("TRAVEL-INS-7D", "旅遊平安保險（7 天）", 1, "680", "TWD", "SERVICE")), Money.of("4678", "TWD"), address),
                ReadBackLanguage.ZH_TW);

        assertThat(readBack.language()).isEqualTo("zh-TW");
        assertThat(readBack.totalText()).isEqualTo("NT$4,678");
        assertThat(readBack.text()).contains("共 2 項", "1. 保健食品禮盒 × 2，單價 NT$1,999，小計 NT$3,998",
                "2. 旅遊平安保險（7 天） × 1，單價 NT$680，小計 NT$680", "總金額：NT$4,678。",
                "寄送至：林淑芬，台北市信義區信義路五段7號12樓，郵遞區號 110，台灣", "絕不會向您索取密碼或簡訊驗證碼", "請問您確認訂購嗎？");
        assertThat(readBack.text()).doesNotContain("+886912345678");
        assertThat(readBack.lines()).extracting(ReadBack.Line::lineTotal).containsExactly("NT$3,998", "NT$680");
    }

    @Test
    void simplifiedChineseReadsYuanWithCents() {
        ReadBack readBack = ReadBack.of(order(List.of(line("ENG-ONLINE-12M", "英语线上课程（12 个月）", 1, "1999", "CNY", "SERVICE")),
                Money.of("1999", "CNY"), null), ReadBackLanguage.ZH_CN);
        assertThat(readBack.text()).contains("共 1 项", "单价 ¥1,999.00", "总金额：¥1,999.00。", "请问您确认订购吗？")
                .doesNotContain("收货地址");
    }

    @Test
    void englishReadsUsDollars() {
        var address = new ShippingAddress("Wang Fang", "+8613987654321", List.of("88 Jianguo Road", "Chaoyang"), null, "CN");
        ReadBack readBack = ReadBack.of(order(List.of(line("AIR-PURIFIER-X1", "Air purifier X1", 1, "19.99", "USD", "SHIPMENT")),
                Money.of("19.99", "USD"), address), ReadBackLanguage.EN);
        assertThat(readBack.text()).startsWith("Here is your order, 1 item:")
                .contains("1. Air purifier X1 × 1 at US$19.99 each: US$19.99", "Total: US$19.99.",
                        "Shipping to: Wang Fang, 88 Jianguo Road, Chaoyang, China.", "Do you confirm this order?");
    }

    @Test
    void theReadBackNeverAsksForASecretItOnlyWarnsAgainstGivingOne() {
        var redactor = new NoteRedactor();
        for (ReadBackLanguage language : ReadBackLanguage.values()) {
            ReadBack readBack = ReadBack.of(order(List.of(line("A1", "x", 1, "10", "TWD", "SERVICE")), Money.of("10", "TWD"), null), language);
            var redaction = redactor.redact(readBack.text());
            assertThat(redaction.asksForSecret()).as(language.tag()).isFalse();
            assertThat(redaction.redacted()).as(language.tag()).isFalse();
        }
    }
}
