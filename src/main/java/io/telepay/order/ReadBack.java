package io.telepay.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.telepay.shared.Money;

/**
 * The summary the agent reads to the customer before they agree: every line with its quantity and
 * price, the total, where it ships, and the reminder that nobody will ask for a PIN or code.
 *
 * @param language  {@code zh-TW}, {@code zh-CN} or {@code en}
 * @param text      the whole summary, one sentence per line, ready to read aloud
 * @param totalText the total as read, e.g. {@code NT$3,998}
 */
public record ReadBack(String orderId, OrderStatus status, String language, String text, List<Line> lines,
                       Money total, String totalText) {

    /** One line as read: {@code unitPrice} and {@code lineTotal} formatted for the language. */
    public record Line(int number, String sku, String name, int quantity, String unitPrice, String lineTotal) {
    }

    static ReadBack of(OrderDetails order, ReadBackLanguage language) {
        List<Line> lines = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        text.append(switch (language) {
            case ZH_TW -> "以下是您的訂單內容，共 " + order.lines().size() + " 項：";
            case ZH_CN -> "以下是您的订单内容，共 " + order.lines().size() + " 项：";
            case EN -> "Here is your order, " + order.lines().size() + (order.lines().size() == 1 ? " item:" : " items:");
        });
        int number = 1;
        for (OrderLine line : order.lines()) {
            String unit = MoneyText.format(line.unitPrice(), language);
            String subtotal = MoneyText.format(line.lineTotal(), language);
            lines.add(new Line(number, line.sku(), line.name(), line.quantity(), unit, subtotal));
            text.append('\n').append(number).append(". ").append(switch (language) {
                case ZH_TW -> line.name() + " × " + line.quantity() + "，單價 " + unit + "，小計 " + subtotal;
                case ZH_CN -> line.name() + " × " + line.quantity() + "，单价 " + unit + "，小计 " + subtotal;
                case EN -> line.name() + " × " + line.quantity() + " at " + unit + " each: " + subtotal;
            });
            number++;
        }
        String total = MoneyText.format(order.total(), language);
        text.append('\n').append(switch (language) {
            case ZH_TW -> "總金額：" + total + "。";
            case ZH_CN -> "总金额：" + total + "。";
            case EN -> "Total: " + total + ".";
        });
        ShippingAddress address = order.shippingAddress();
        if (address != null) {
            String country = Locale.of("", address.country()).getDisplayCountry(language.locale());
            String separator = language == ReadBackLanguage.EN ? ", " : "，";
            List<String> parts = new ArrayList<>();
            parts.add(address.recipient());
            parts.addAll(address.lines());
            if (address.postalCode() != null) {
                parts.add(switch (language) {
                    case ZH_TW -> "郵遞區號 " + address.postalCode();
                    case ZH_CN -> "邮编 " + address.postalCode();
                    case EN -> address.postalCode();
                });
            }
            parts.add(country);
            text.append('\n').append(switch (language) {
                case ZH_TW -> "寄送至：";
                case ZH_CN -> "收货地址：";
                case EN -> "Shipping to: ";
            }).append(String.join(separator, parts)).append(language == ReadBackLanguage.EN ? "." : "。");
        }
        text.append('\n').append(switch (language) {
            case ZH_TW -> "付款時請在您自己的手機上輸入卡片資料；本公司人員絕不會向您索取密碼或簡訊驗證碼。";
            case ZH_CN -> "付款时请在您自己的手机上输入银行卡信息；我们的工作人员绝不会向您索取密码或短信验证码。";
            case EN -> "You will enter your card details yourself, on your own phone; we will never ask for your PIN, password or SMS code.";
        });
        text.append('\n').append(switch (language) {
            case ZH_TW -> "請問您確認訂購嗎？";
            case ZH_CN -> "请问您确认订购吗？";
            case EN -> "Do you confirm this order?";
        });
        return new ReadBack(order.id(), order.status(), language.tag(), text.toString(), List.copyOf(lines),
                order.total(), total);
    }
}
