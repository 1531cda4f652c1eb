package io.telepay.catalog;

import java.util.List;

import io.telepay.shared.Deployment;
import io.telepay.shared.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Demo products in TWD, CNY and USD, each with a script, on the first start of the embedded default. */
@Component
@Order(20)
@ConditionalOnProperty(name = "telepay.command", havingValue = "server", matchIfMissing = true)
class CatalogDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CatalogDemoData.class);

    private static final String PAYMENT_TW = "確認後我會傳送付款連結到您的手機，請在頁面上自行輸入卡片資料。"
            + "本公司人員絕不會向您索取密碼或簡訊驗證碼。";
    private static final String PAYMENT_CN = "确认后我会发送付款链接到您的手机，请在页面上自行输入银行卡信息。"
            + "我们的工作人员绝不会向您索取密码或短信验证码。";

    static final List<NewProduct> PRODUCTS = List.of(
            new NewProduct("HEALTH-GIFT-01", "保健食品禮盒（葉黃素＋魚油）",
                    "葉黃素 60 粒與魚油 90 粒，附提袋，宅配到府。", Money.of("1999.00", "TWD"), Fulfilment.SHIPMENT, true,
                    "您好，我是 Telepay 商城的客服。這次為您介紹保健食品禮盒，內含葉黃素與魚油各一瓶，"
                            + "特價新台幣 1,999 元，三天內宅配到府。請問您要訂購幾盒呢？" + PAYMENT_TW),
            new NewProduct("TRAVEL-INS-7D", "旅遊平安保險（7 天）",
                    "海外旅遊 7 天，意外身故及失能保額 500 萬，含海外突發疾病醫療。", Money.of("680.00", "TWD"),
                    Fulfilment.SERVICE, true,
                    "您好，出國前為您介紹 7 天旅遊平安保險，保費新台幣 680 元，意外保額 500 萬。"
                            + "投保資料會在付款後由系統寄送確認信。" + PAYMENT_TW),
            new NewProduct("ENG-ONLINE-12M", "英语线上课程（12 个月）",
                    "一对一外教课程 12 个月，每周两堂，可随时改期。", Money.of("2388.00", "CNY"), Fulfilment.SERVICE, true,
                    "您好，为您介绍英语线上课程，12 个月一对一外教，总价人民币 2,388 元，付款后即可开通账号。" + PAYMENT_CN),
            new NewProduct("TEA-GIFT-CN", "武夷岩茶礼盒",
                    "大红袍两罐装，每罐 125 克，顺丰配送。", Money.of("299.00", "CNY"), Fulfilment.SHIPMENT, true,
                    "您好，为您介绍武夷岩茶礼盒，两罐装人民币 299 元，顺丰包邮。请问需要几盒？" + PAYMENT_CN),
            new NewProduct("AIR-PURIFIER-X1", "空氣清淨機 X1（國際版）",
                    "HEPA H13 濾網，適用 15 坪，國際電壓，附英文說明書。", Money.of("199.00", "USD"), Fulfilment.SHIPMENT, true,
                    "您好，為您介紹空氣清淨機 X1 國際版，售價美金 199 元，含國際運費。" + PAYMENT_TW));

    private final Deployment deployment;
    private final Catalog catalog;
    private final JdbcClient jdbc;

    CatalogDemoData(Deployment deployment, Catalog catalog, JdbcClient jdbc) {
        this.deployment = deployment;
        this.catalog = catalog;
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!deployment.demo() || jdbc.sql("select count(*) from product").query(Long.class).single() > 0) {
            return;
        }
        PRODUCTS.forEach(catalog::create);
        log.info("Demo catalog: {} products in TWD, CNY and USD", PRODUCTS.size());
    }
}
