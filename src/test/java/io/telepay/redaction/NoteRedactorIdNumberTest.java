package io.telepay.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Taiwanese and mainland ID numbers: by their check digit anywhere, by keyword whatever their check digit. */
class NoteRedactorIdNumberTest {

    private final NoteRedactor redactor = new NoteRedactor();

    private String redacted(String note) {
        return redactor.redact(note).text();
    }

    @Test
    void removesATaiwaneseIdWithAValidCheckDigitAnywhere() {
        assertThat(redacted("客戶 F131104093 要求投保")).isEqualTo("客戶 [ID number removed] 要求投保");
        assertThat(redacted("insured person A123456789, spouse B220198765"))
                .isEqualTo("insured person [ID number removed], spouse [ID number removed]");
    }

    @Test
    void removesAMainlandIdWithAValidCheckCharacterAnywhere() {
        assertThat(redacted("客户提供 11010519491231002X 作为投保人")).isEqualTo("客户提供 [ID number removed] 作为投保人");
        assertThat(redacted("客户提供 11010519491231002x")).isEqualTo("客户提供 [ID number removed]");
        assertThat(redactor.redact("受益人 310115198808153413").findings().getFirst().kind()).isEqualTo(SecretKind.ID_NUMBER);
    }

    @Test
    void removesAnIdAfterItsKeywordEvenWithAWrongCheckDigit() {
        assertThat(redacted("身分證字號 A123456780")).isEqualTo("身分證字號 [ID number removed]");
        assertThat(redacted("身份证号：440304199003071230")).isEqualTo("身份证号：[ID number removed]");
        assertThat(redacted("national ID number: Q298765432")).isEqualTo("national ID number: [ID number removed]");
    }

    @Test
    void leavesCodesThatOnlyLookLikeIds() {
        assertThat(redacted("SKU A123456780 缺貨")).isEqualTo("SKU A123456780 缺貨");
        assertThat(redacted("shipment ref AB123456789")).isEqualTo("shipment ref AB123456789");
        assertThat(redacted("訂單 440304199013071231 已出貨")).isEqualTo("訂單 440304199013071231 已出貨");
    }
}
