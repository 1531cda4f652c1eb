package io.telepay.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.telepay.shared.InvalidInput;
import io.telepay.shared.TelepayProblem;
import org.junit.jupiter.api.Test;

class RequestedLineTest {

    private static List<String> fields(Runnable action) {
        try {
            action.run();
        } catch (InvalidInput e) {
            return e.errors().stream().map(TelepayProblem.FieldError::field).toList();
        }
        throw new AssertionError("expected a 400");
    }

    @Test
    void theSkuIsKeptUpperCaseAndTheQuantityWhole() {
        RequestedLine line = RequestedLine.fromJson(" health-gift-01 ", 2);
        assertThat(line.sku()).isEqualTo("HEALTH-GIFT-01");
        assertThat(line.quantity()).isEqualTo(2);
        assertThat(RequestedLine.fromJson("A1", 10_000L).quantity()).isEqualTo(10_000);
    }

    @Test
    void quantitiesOutsideOneToTenThousandOrNotWholeAreRefused() {
        assertThat(fields(() -> RequestedLine.fromJson("A1", 0))).containsExactly("quantity");
        assertThat(fields(() -> RequestedLine.fromJson("A1", -1))).containsExactly("quantity");
        assertThat(fields(() -> RequestedLine.fromJson("A1", 10_001))).containsExactly("quantity");
        assertThat(fields(() -> RequestedLine.fromJson("A1", new BigInteger("99999999999999999999999")))).containsExactly("quantity");
        assertThat(fields(() -> RequestedLine.fromJson("A1", 1.5d))).containsExactly("quantity");
        assertThat(fields(() -> RequestedLine.fromJson("A1", "2"))).containsExactly("quantity");
        assertThat(fields(() -> RequestedLine.fromJson("A1", null))).containsExactly("quantity");
        assertThat(fields(() -> new RequestedLine("A1", 0))).containsExactly("quantity");
    }

    @Test
    void aMissingOrMalformedSkuIsRefusedWithTheQuantity() {
        assertThat(fields(() -> RequestedLine.fromJson(null, 0))).containsExactly("sku", "quantity");
        assertThat(fields(() -> RequestedLine.fromJson(List.of("A1"), 1))).containsExactly("sku");
        assertThat(fields(() -> RequestedLine.fromJson("<b>x</b>", 1))).containsExactly("sku");
        assertThat(fields(() -> RequestedLine.fromJson("' or 1=1 --", 1))).containsExactly("sku");
        assertThat(fields(() -> RequestedLine.fromJson("A".repeat(65), 1))).containsExactly("sku");
    }

    @Test
    void anOrderNeedsOneToAHundredDistinctLines() {
        assertThat(fields(() -> new NewOrder("cus_1", null, null, List.of(), null))).containsExactly("lines");
        assertThat(fields(() -> new NewOrder("cus_1", null, null, null, null))).containsExactly("lines");
        List<RequestedLine> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(new RequestedLine("SKU-" + i, 1));
        }
        assertThat(fields(() -> new NewOrder("cus_1", null, null, many, null))).containsExactly("lines");
        assertThat(fields(() -> new NewOrder("cus_1", null, null,
                List.of(new RequestedLine("A1", 1), new RequestedLine("a1", 2)), null))).containsExactly("lines[1].sku");
        assertThat(fields(() -> new NewOrder("cus_1", null, null, Collections.singletonList(null), null))).containsExactly("lines[0]");
        assertThat(new NewOrder("cus_1", "", " ", many.subList(0, 100), null).callId()).isNull();
    }

    @Test
    void idsAreRequiredWhereNeededAndNeverFreeText() {
        List<RequestedLine> one = List.of(new RequestedLine("A1", 1));
        assertThat(fields(() -> new NewOrder(null, null, null, one, null))).containsExactly("customerId");
        assertThat(fields(() -> new NewOrder("cus_1'; drop table sales_order; --", "<i>", "x".repeat(65), one, null)))
                .containsExactly("customerId", "callId", "agentId");
    }

    @Test
    void aShippingAddressNeedsRecipientPhoneLinesAndARealCountry() {
        assertThat(fields(() -> new ShippingAddress(null, null, null, null, null)))
                .containsExactly("recipient", "phone", "lines", "country");
        assertThat(fields(() -> new ShippingAddress("陳志明", "0912345678", List.of("a", "b", "c", "d"), null, "TW")))
                .containsExactly("lines");
        assertThat(fields(() -> new ShippingAddress("陳志明", "0912345678", List.of("台北市\n信義區"), null, "TW")))
                .containsExactly("lines[0]");
        assertThat(fields(() -> new ShippingAddress("陳志明", "0912345678", List.of("x".repeat(201)), "<1>", "XX")))
                .containsExactly("lines[0]", "postalCode", "country");
        ShippingAddress ok = new ShippingAddress(" 陳志明 ", "0912345678", List.of(" 台北市信義區信義路五段7號 "), " 110 ", "tw");
        assertThat(ok.recipient()).isEqualTo("陳志明");
        assertThat(ok.lines()).containsExactly("台北市信義區信義路五段7號");
        assertThat(ok.country()).isEqualTo("TW");
        assertThat(ok.toString()).doesNotContain("陳志明").doesNotContain("0912345678");
    }
}
