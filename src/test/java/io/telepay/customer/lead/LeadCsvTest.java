package io.telepay.customer.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.telepay.shared.InvalidInput;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeadCsvTest {

    @TempDir
    Path dir;

    private Path file(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(dir, "leads", ".csv");
        Files.write(file, bytes);
        return file;
    }

    private Path file(String text) throws IOException {
        return file(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String field(InvalidInput e) {
        return e.errors().getFirst().field();
    }

    @Test
    void readsColumnsInAnyOrderAndCaseWithAByteOrderMark() throws IOException {
        Path csv = file("\uFEFFPhone,Name,Campaign,Extra\r\n0912345678,陳志明,春季,x\r\n0922333444,王芳,,y\r\n");
        LeadCsv.Shape shape = LeadCsv.check(csv, 10);
        assertThat(shape.rows()).isEqualTo(2);
        assertThat(shape.ignoredColumns()).containsExactly("Extra");
        try (CSVParser parser = LeadCsv.open(csv)) {
            List<CSVRecord> records = new ArrayList<>();
            parser.forEach(records::add);
            assertThat(LeadCsv.cell(records.get(0), "name")).isEqualTo("陳志明");
            assertThat(LeadCsv.cell(records.get(0), "campaign")).isEqualTo("春季");
            assertThat(LeadCsv.cell(records.get(1), "campaign")).isNull();
            assertThat(LeadCsv.cell(records.get(1), "email")).isNull();
            assertThat(records.get(0).getRecordNumber() + 1).as("spreadsheet row of the first lead").isEqualTo(2);
        }
    }

    @Test
    void aQuotedCellMayHoldCommasQuotesAndLineBreaks() throws IOException {
        Path csv = file("name,phone\n\"Chen, \"\"CM\"\"\nline two\",0912345678\n");
        try (CSVParser parser = LeadCsv.open(csv)) {
            assertThat(LeadCsv.cell(parser.iterator().next(), "name")).isEqualTo("Chen, \"CM\"\nline two");
        }
    }

    @Test
    void refusesAFileWithoutTheRequiredColumns() throws IOException {
        assertThatThrownBy(() -> LeadCsv.check(file("name,email\nA,a@b.co\n"), 10))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(field(e)).isEqualTo("file");
                    assertThat(e.getMessage()).contains("phone");
                });
    }

    @Test
    void refusesTextThatIsNotUtf8() throws IOException {
        byte[] big5 = "name,phone\n陳志明,0912345678\n".getBytes(java.nio.charset.Charset.forName("Big5"));
        assertThatThrownBy(() -> LeadCsv.check(file(big5), 10))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.getMessage()).contains("UTF-8"));
    }

    @Test
    void refusesMoreRowsThanAllowed() throws IOException {
        assertThatThrownBy(() -> LeadCsv.check(file("name,phone\na,1\nb,2\nc,3\n"), 2))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.getMessage()).contains("more than 2 rows"));
    }

    @Test
    void refusesDuplicateColumnsAndBrokenQuoting() throws IOException {
        assertThatThrownBy(() -> LeadCsv.check(file("name,phone,phone\na,1,2\n"), 10)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> LeadCsv.check(file("name,phone\n\"a\"b,1\n"), 10)).isInstanceOf(InvalidInput.class);
    }
}
