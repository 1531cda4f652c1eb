package io.telepay.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Everyday notes that hold numbers but no secret: order numbers, prices, dates, times, phone numbers,
 * quantities, postal codes. A redactor that eats these is one agents learn to work around.
 */
class NoteRedactorUntouchedTest {

    private final NoteRedactor redactor = new NoteRedactor();

    @ParameterizedTest
    @ValueSource(strings = {
            // 繁體
            "客戶訂購保健食品禮盒 2 盒，訂單編號 TP-20261128-0042，總額 NT$1,999，11/30 前出貨。",
            "客戶要求改送台北市中正區重慶南路一段 122 號，郵遞區號 100，收件電話 0912-345-678。",
            "下午 3:30 回撥，客戶手機 +886 912 345 678，她說週五 2026/12/04 比較方便。",
            "旅遊平安保險保額 500 萬，保費 NT$2,380，保單有效期 2026/12/01 至 2027/11/30。",
            "客戶詢問分期：3 期 0 利率，每期 NT$666，共 NT$1,998。",
            "客戶說驗證碼還沒收到，已請她稍等 5 分鐘後在付款頁面重新發送。",
            "物流單號 7342 1180 9925 6613，黑貓宅急便，預計 12/02 到貨。",
            "訂單 2026112800000019 已確認，客戶滿意。",
            "客戶密碼忘了，建議她直接聯絡發卡銀行，我們不處理密碼。",
            // 简体
            "客户订了英语线上课程 12 个月，¥199.00/月，合计 ¥2,388.00，订单号 1234567890123456785。",
            "客户手机 13800138000，备用 +86 138 0013 8000，邮编 100080，北京市海淀区。",
            "验证码 10 分钟内有效，客户说会在付款页面自己输入。",
            "课程有效期 2026-12-31，客户买了 3 个账号。",
            "客户问 PIN 码输错 3 次会不会锁卡，已请她联系银行。",
            "订单 ORD20261128XK 金额 ¥3,999.00，发票抬头已更新，税号 91110108MA01ABCD3X。",
            // English
            "Customer ordered 3 boxes of the health gift set, order #A-1029384, total US$149.97, ships 2026-12-03.",
            "Call back at 14:30 tomorrow on +886 2 2345 6789 ext. 204; zip code 10048.",
            "Customer says the OTP expires after 5 minutes, she will enter it on the pay page herself.",
            "Tracking number 1Z999AA10123456784, delivered 11/29 at 09:15.",
            "PIN reset requested by customer for order 20261128, referred to the bank.",
            "Quoted 2 x USD 49.99 plus shipping USD 8.00; customer will pay by link.",
            "电话 86-138-0013-8000 找张先生，回拨时间 2026年12月1日 下午2点。",
            "客戶統編 12345678，發票寄公司；卡號尾數 1234，金額 NT$ 3,200。",
            "客戶生日 1985/03/12，Line ID 是 chen1985，密碼 **** 已由客戶自行在頁面輸入。",
    })
    void leavesTheNoteExactlyAsItWas(String note) {
        var redaction = redactor.redact(note);
        assertThat(redaction.findings()).as(note).isEmpty();
        assertThat(redaction.text()).isEqualTo(note);
    }

    @Test
    void leavesAnEmptyOrDigitFreeNoteAlone() {
        assertThat(redactor.redact("").text()).isEmpty();
        assertThat(redactor.redact("客戶不在，明天再打。").findings()).isEmpty();
    }

    @Test
    void leavesTheNumbersAroundARemovedSecret() {
        String note = "訂單 TP-20261128-0042，客戶唸了驗證碼 482913，金額 NT$1,999，電話 0912-345-678";
        assertThat(redactor.redact(note).text())
                .isEqualTo("訂單 TP-20261128-0042，客戶唸了驗證碼 [one-time code removed]，金額 NT$1,999，電話 0912-345-678");
    }
}
