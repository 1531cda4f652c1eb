package io.telepay.console.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.telepay.console.ConsolePageSupport;
import io.telepay.customer.CustomerFixtures;
import io.telepay.shared.Role;
import io.telepay.testing.ConsoleSession;
import io.telepay.testing.Http;
import io.telepay.trust.Consumers;
import org.junit.jupiter.api.Test;

/**
 * {@code /console/admin/numbers}: an administrator registers the company's outbound numbers as people write
 * them (stored in E.164, which the public caller check then confirms), is told next to the field what is
 * wrong with a number, and removes one; nobody else reaches the page.
 */
class NumbersPageSystemTest extends ConsolePageSupport {

    private static final String PAGE = "/console/admin/numbers";

    /** A Taiwanese mobile number as people write it, and its E.164 form. */
    private record Number(String written, String e164) {
        static Number fresh() {
            String digits = CustomerFixtures.taiwanMobile().substring(4);
            return new Number("0" + digits.substring(0, 3) + " " + digits.substring(3, 6) + " " + digits.substring(6), "+886" + digits);
        }
    }

    @Test
    void onlyAdministratorsReachTheNumbersPage() {
        for (Role role : List.of(Role.AGENT, Role.SUPERVISOR, Role.RISK_ANALYST, Role.AUDITOR)) {
            ConsoleSession other = signedIn(role);
            assertThat(other.http().get(PAGE).status()).as(role.name()).isEqualTo(403);
        }
        ConsoleSession admin = signedIn(Role.ADMIN);
        assertThat(page(admin, PAGE, 200).body()).contains("id=\"phone\"");
        assertThat(page(admin, PAGE + "?lang=zh-TW", 200).body()).contains("外撥號碼").contains("登錄號碼");
        assertThat(page(admin, PAGE + "?lang=zh-CN", 200).body()).contains("外呼号码").contains("登记号码");
        assertThat(page(admin, PAGE + "?lang=en", 200).body()).contains("Outbound numbers");
        ConsoleSession other = signedIn(Role.SUPERVISOR);
        assertThat(other.http().postForm(PAGE + "/obn_x/remove", Map.of("_csrf", other.csrf("/console"))).status()).isEqualTo(403);
    }

    @Test
    void aNumberIsRegisteredInE164ConfirmedToCallersAndRemoved() {
        ConsoleSession admin = signedIn(Role.ADMIN);
        Number number = Number.fresh();
        assertThat(callerCheck(number.written())).isFalse();

        Http.Response added = post(admin, PAGE, PAGE, List.of(field("phone", number.written()), field("label", "客服中心總機")));
        assertThat(added.status()).as(added.body()).isEqualTo(302);
        String list = page(admin, PAGE, 200).body();
        assertThat(list).contains(number.e164()).contains("客服中心總機").contains("alert info");
        assertThat(callerCheck(number.written())).as("the caller check confirms the number").isTrue();

        String id = jdbc.sql("select id from trust_outbound_number where phone = :p").param("p", number.e164()).query(String.class).single();
        assertThat(list).contains("/console/admin/numbers/" + id + "/remove").contains("aria-label=\"Remove " + number.e164() + "\"");
        assertThat(post(admin, PAGE, PAGE + "/" + id + "/remove", List.of()).status()).isEqualTo(302);
        assertThat(page(admin, PAGE, 200).body()).doesNotContain("/console/admin/numbers/" + id + "/remove");
        assertThat(callerCheck(number.written())).isFalse();
        assertThat(admin.http().postForm(PAGE + "/" + id + "/remove", Map.of("_csrf", admin.csrf(PAGE))).status()).isEqualTo(404);
    }

    @Test
    void aNumberThatIsNotOneOrIsRegisteredAlreadyIsRefusedNextToTheField() {
        ConsoleSession admin = signedIn(Role.ADMIN);
        long before = count();
        Http.Response notANumber = post(admin, PAGE, PAGE, List.of(field("phone", "請撥 12"), field("label", "總機")));
        assertThat(notANumber.status()).isEqualTo(400);
        assertClean("not a number", notANumber);
        assertThat(notANumber.body()).contains("id=\"phone-error\"").contains("This is not a phone number we can read")
                .contains("value=\"請撥 12\"").contains("value=\"總機\"").doesNotContain("id=\"label-error\"");

        Http.Response noLabel = post(admin, PAGE, PAGE, List.of(field("phone", Number.fresh().written()), field("label", " ")));
        assertThat(noLabel.status()).isEqualTo(400);
        assertThat(noLabel.body()).contains("id=\"label-error\"").doesNotContain("id=\"phone-error\"");

        Number number = Number.fresh();
        assertThat(post(admin, PAGE, PAGE, List.of(field("phone", number.e164()), field("label", "行銷專線"))).status()).isEqualTo(302);
        Http.Response twice = post(admin, PAGE + "?lang=zh-TW", PAGE, List.of(field("phone", number.written()), field("label", "又一次")));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.body()).contains("id=\"phone-error\"").contains("這個號碼已經登錄過了");
        assertThat(count()).isEqualTo(before + 1);
    }

    @Test
    void addingAndRemovingNeedTheCsrfToken() {
        ConsoleSession admin = signedIn(Role.ADMIN);
        long before = count();
        Number number = Number.fresh();
        assertThat(postWithout(admin, PAGE, List.of(field("phone", number.written()), field("label", "x"))).status()).isEqualTo(403);
        assertThat(count()).isEqualTo(before);
        post(admin, PAGE, PAGE, List.of(field("phone", number.written()), field("label", "總機")));
        String id = jdbc.sql("select id from trust_outbound_number where phone = :p").param("p", number.e164()).query(String.class).single();
        assertThat(postWithout(admin, PAGE + "/" + id + "/remove", List.of()).status()).isEqualTo(403);
        assertThat(callerCheck(number.e164())).isTrue();
    }

    private long count() {
        return jdbc.sql("select count(*) from trust_outbound_number where removed_at is null").query(Long.class).single();
    }

    private boolean callerCheck(String phone) {
        Http.Response answer = Consumers.fromNewAddress(base()).post("/api/v1/public/caller-checks", Map.of("phone", phone));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().get("verified").asBoolean();
    }
}
