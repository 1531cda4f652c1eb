package io.telepay.redaction;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A measured run of {@link NoteRedactor} on realistic notes, outside the test suite (timings do not
 * belong in tests). Single thread, after a warm-up:
 * <pre>
 * ./mvnw -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.telepay.redaction.NoteRedactorThroughput
 * </pre>
 */
public final class NoteRedactorThroughput {

    static final List<String> NOTES = List.of(
            "客戶訂購保健食品禮盒 2 盒，訂單編號 TP-20261128-0042，總額 NT$1,999，11/30 前出貨。",
            "客戶要求改送台北市中正區重慶南路一段 122 號，郵遞區號 100，收件電話 0912-345-678。",
            "下午 3:30 回撥，客戶手機 +886 912 345 678，她說週五 2026/12/04 比較方便。",
            "客戶主動報卡號 4242 4242 4242 4242，有效期限 08/27，背面三碼 321，已請他改用付款連結。",
            "客户订了英语线上课程 12 个月，¥199.00/月，合计 ¥2,388.00，订单号 1234567890123456785。",
            "客户说：卡号 6222 0210 0112 2334 458，有效期 03/29，安全码 556，取款密码 880312，验证码 430021。",
            "Customer ordered 3 boxes of the health gift set, order #A-1029384, total US$149.97, ships 2026-12-03.",
            "Customer read the OTP 482913 aloud, told her never to do that. Call back at 14:30 on +886 2 2345 6789.",
            "本公司人員絕不會向您索取密碼或驗證碼。付款時，您的銀行可能會傳送簡訊驗證碼，請直接在付款頁面輸入。",
            "好的，請告訴我您剛收到的驗證碼，我這邊幫您完成訂單。",
            "客户手机 13800138000，备用 +86 138 0013 8000，邮编 100080，北京市海淀区。客户问 PIN 码输错 3 次会不会锁卡。",
            "Please tell me if you received the SMS code on your phone. Quoted 2 x USD 49.99 plus shipping USD 8.00.");

    private NoteRedactorThroughput() {
    }

    public static void main(String[] args) {
        NoteRedactor redactor = new NoteRedactor();
        long chars = NOTES.stream().mapToLong(String::length).sum();
        long bytes = NOTES.stream().mapToLong(n -> n.getBytes(StandardCharsets.UTF_8).length).sum();
        int sink = 0;
        long warmupEnd = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warmupEnd) {
            for (String note : NOTES) {
                sink += redactor.redact(note).findings().size();
            }
        }
        for (int round = 1; round <= 3; round++) {
            long notes = 0;
            long start = System.nanoTime();
            long end = start + 5_000_000_000L;
            while (System.nanoTime() < end) {
                for (String note : NOTES) {
                    sink += redactor.redact(note).findings().size();
                }
                notes += NOTES.size();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("round %d: %,.0f notes/s, %.1f µs/note, %.1f MB/s of UTF-8 (notes average %d chars)%n",
                    round, notes / seconds, seconds * 1e6 / notes, notes / (double) NOTES.size() * bytes / seconds / 1e6,
                    chars / NOTES.size());
        }
        System.out.println("(checksum " + sink + ")");
    }
}
