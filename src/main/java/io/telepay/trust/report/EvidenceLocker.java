package io.telepay.trust.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.telepay.audit.AuditTrail;
import io.telepay.shared.Actor;
import io.telepay.shared.Actors;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.NotFound;
import io.telepay.shared.TelepayProblem.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps fraud evidence so that it holds up: the type checked by content, the name sanitized, the
 * SHA-256 taken at intake, the file encrypted at rest ({@link EvidenceCipher}), and a chain of custody
 * — who received, opened and exported each file, when, from where. Every hand-out (one file or the
 * bundle for the police) decrypts and re-hashes first; a file that no longer matches is refused with
 * {@link EvidenceChanged} and the failure is recorded.
 */
@Component
class EvidenceLocker {

    private final JdbcClient jdbc;
    private final EvidenceCipher cipher;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final TransactionTemplate independently;
    private final JsonMapper json;
    private final Clock clock;
    private final int maxFiles;
    private final long maxFileBytes;
    private final long maxTotalBytes;

    EvidenceLocker(JdbcClient jdbc, EvidenceCipher cipher, AuditTrail audit, PlatformTransactionManager transactionManager,
                   JsonMapper json, Clock clock,
                   @Value("${telepay.trust.evidence.max-files}") int maxFiles,
                   @Value("${telepay.trust.evidence.max-file-size}") DataSize maxFile,
                   @Value("${telepay.trust.evidence.max-total-size}") DataSize maxTotal,
                   @Value("${spring.servlet.multipart.max-file-size}") DataSize multipartFile,
                   @Value("${spring.servlet.multipart.max-request-size}") DataSize multipartRequest) {
        if (maxFile.compareTo(multipartFile) > 0 || maxTotal.compareTo(multipartRequest) > 0 || maxFile.compareTo(maxTotal) > 0) {
            throw new IllegalStateException("telepay.trust.evidence limits must fit the multipart limits: max-file-size ≤ "
                    + "spring.servlet.multipart.max-file-size, max-total-size ≤ spring.servlet.multipart.max-request-size, "
                    + "max-file-size ≤ max-total-size");
        }
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactionManager);
        this.independently = new TransactionTemplate(transactionManager);
        this.independently.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.json = json;
        this.clock = clock;
        this.maxFiles = maxFiles;
        this.maxFileBytes = maxFile.toBytes();
        this.maxTotalBytes = maxTotal.toBytes();
    }

    /** A file whose type the content showed, with its safe name. */
    record Checked(EvidenceUpload upload, String mediaType, String name) {
    }

    /**
     * The uploaded parts, read within the limits.
     *
     * @throws InvalidInput      naming {@code evidence} over the file count, {@code evidence[i]} for an empty file
     * @throws EvidenceTooLarge  naming {@code evidence[i]} over the per-file size, {@code evidence} over the total
     */
    List<EvidenceUpload> read(List<MultipartFile> parts) {
        if (parts.size() > maxFiles) {
            throw new InvalidInput("evidence", "must be at most " + maxFiles + " files");
        }
        long total = 0;
        for (int i = 0; i < parts.size(); i++) {
            long size = parts.get(i).getSize();
            if (size > maxFileBytes) {
                throw new EvidenceTooLarge("evidence[" + i + "]", "is larger than " + DataSize.ofBytes(maxFileBytes).toMegabytes() + " MB");
            }
            total += size;
        }
        if (total > maxTotalBytes) {
            throw new EvidenceTooLarge("evidence", "files together are larger than " + DataSize.ofBytes(maxTotalBytes).toMegabytes() + " MB");
        }
        List<EvidenceUpload> uploads = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            MultipartFile part = parts.get(i);
            try {
                uploads.add(new EvidenceUpload(part.getOriginalFilename(), part.getBytes()));
            } catch (IOException e) {
                throw new InvalidInput("evidence[" + i + "]", "could not be read");
            }
        }
        return uploads;
    }

    /**
     * Each file's type by its content and its safe name.
     *
     * @throws InvalidInput         naming {@code evidence[i]} for an empty file
     * @throws EvidenceTypeRefused  naming every file that is not audio, an image, a PDF or text
     */
    List<Checked> check(List<EvidenceUpload> uploads) {
        List<FieldError> refused = new ArrayList<>();
        List<Checked> checked = new ArrayList<>();
        for (int i = 0; i < uploads.size(); i++) {
            EvidenceUpload upload = uploads.get(i);
            if (upload.content().length == 0) {
                throw new InvalidInput("evidence[" + i + "]", "is empty");
            }
            if (upload.content().length > maxFileBytes) {
                throw new EvidenceTooLarge("evidence[" + i + "]", "is larger than " + DataSize.ofBytes(maxFileBytes).toMegabytes() + " MB");
            }
            int index = i;
            FileSignatures.mediaType(upload.content()).ifPresentOrElse(
                    type -> checked.add(new Checked(upload, type, FileNames.safe(upload.originalName(), type))),
                    () -> refused.add(new FieldError("evidence[" + index + "]",
                            "is not audio, an image, a PDF or plain text (judged by its content, not its name)")));
        }
        if (!refused.isEmpty()) {
            throw new EvidenceTypeRefused(refused);
        }
        return checked;
    }

    /** Stores the files of a new report, in the caller's transaction, each with its RECEIVED custody entry. */
    List<EvidenceView> store(String reportId, List<Checked> files, Instant now, String receivedBy) {
        List<EvidenceView> stored = new ArrayList<>();
        String origin = origin();
        for (int i = 0; i < files.size(); i++) {
            Checked file = files.get(i);
            String id = Ids.next("evd_");
            byte[] content = file.upload().content();
            String sha256 = sha256(content);
            jdbc.sql("""
                    insert into trust_evidence (id, report_id, position, file_name, media_type, size_bytes, sha256, sealed, received_at)
                    values (:id, :report, :position, :name, :type, :size, :sha, :sealed, :now)""")
                    .param("id", id).param("report", reportId).param("position", i + 1).param("name", file.name())
                    .param("type", file.mediaType()).param("size", (long) content.length).param("sha", sha256)
                    .param("sealed", cipher.seal(content, id)).param("now", Db.ts(now)).update();
            appendCustody(reportId, id, "RECEIVED", "public", receivedBy, origin, now);
            stored.add(new EvidenceView(id, i + 1, file.name(), file.mediaType(), content.length, sha256, now));
        }
        return stored;
    }

    List<EvidenceView> files(String reportId) {
        return jdbc.sql("""
                select id, position, file_name, media_type, size_bytes, sha256, received_at
                from trust_evidence where report_id = :report order by position""")
                .param("report", reportId).query(EvidenceLocker::view).list();
    }

    /**
     * One file for the acting staff member, verified against its intake hash; recorded as OPENED.
     *
     * @throws NotFound        when the report has no such file
     * @throws EvidenceChanged when the stored file no longer matches
     */
    OpenedEvidence open(String reportId, String evidenceId) {
        EvidenceView file = files(reportId).stream().filter(f -> f.id().equals(evidenceId)).findFirst()
                .orElseThrow(() -> new NotFound("evidence", evidenceId));
        byte[] content = verified(reportId, file);
        Actor actor = Actors.current();
        transactions.executeWithoutResult(status -> {
            appendCustody(reportId, file.id(), "OPENED", actor.id(), actor.name(), origin(), clock.instant());
            audit.record("trust.evidence.opened", file.id(), Map.of("report", reportId, "sha256", file.sha256()));
        });
        return new OpenedEvidence(file, content);
    }

    /**
     * The evidence bundle for the police: a zip with every file under {@code evidence/} and
     * {@code manifest.json} (the report, each file's SHA-256 and intake time, the chain of custody
     * including this export). Every file is verified first; one that changed stops the export.
     *
     * @throws EvidenceChanged naming the first file that no longer matches
     */
    byte[] bundle(ReportView report) {
        String reportId = report.id();
        List<EvidenceView> files = files(reportId);
        List<byte[]> contents = new ArrayList<>();
        for (EvidenceView file : files) {
            contents.add(verified(reportId, file));
        }
        Actor actor = Actors.current();
        Instant now = clock.instant();
        return transactions.execute(status -> {
            for (EvidenceView file : files) {
                appendCustody(reportId, file.id(), "EXPORTED", actor.id(), actor.name(), origin(), now);
            }
            audit.record("trust.evidence.exported", reportId, Map.of("files", files.size(),
                    "sha256", files.stream().map(EvidenceView::sha256).toList()));
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("reference", reportId);
            manifest.put("exportedAt", now.toString());
            manifest.put("exportedBy", Map.of("id", actor.id(), "name", actor.name()));
            manifest.put("hashAlgorithm", "SHA-256");
            manifest.put("report", manifestReport(report));
            manifest.put("files", files.stream().map(f -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("path", f.bundlePath());
                entry.put("evidenceId", f.id());
                entry.put("mediaType", f.mediaType());
                entry.put("size", f.size());
                entry.put("sha256", f.sha256());
                entry.put("receivedAt", f.receivedAt().toString());
                return entry;
            }).toList());
            manifest.put("custody", custody(reportId).stream().map(c -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("at", c.at().toString());
                entry.put("action", c.action());
                entry.put("file", c.file());
                entry.put("actorId", c.actorId());
                entry.put("actorName", c.actorName());
                entry.put("origin", c.origin());
                return entry;
            }).toList());
            return zip(files, contents, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest), now);
        });
    }

    /** What the police read about the report: what happened and what it is linked to, not the reporter's contact. */
    private static Map<String, Object> manifestReport(ReportView report) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("receivedAt", report.receivedAt().toString());
        section.put("status", report.status().name());
        section.put("source", report.source().name());
        section.put("callerPhone", report.callerPhone());
        section.put("happenedAt", report.happenedAt() == null ? null : report.happenedAt().toString());
        section.put("askedFor", report.askedFor().stream().map(Enum::name).toList());
        section.put("moneyLost", report.moneyLost() == null ? null
                : Map.of("amount", report.moneyLost().amount().toPlainString(), "currency", report.moneyLost().currencyCode()));
        section.put("description", report.description());
        section.put("paymentId", report.paymentId());
        section.put("links", report.links().stream().map(l -> Map.of("kind", l.kind().name(), "id", l.id())).toList());
        return section;
    }

    /** The chain of custody of the report's files, oldest first. */
    List<CustodyEntry> custody(String reportId) {
        return jdbc.sql("""
                select c.at, c.action, c.evidence_id, e.position, e.file_name, c.actor_id, c.actor_name, c.origin
                from trust_custody c left join trust_evidence e on e.id = c.evidence_id
                where c.report_id = :report order by c.at, c.id""")
                .param("report", reportId)
                .query((rs, n) -> new CustodyEntry(Db.instant(rs, "at"), rs.getString("action"), rs.getString("evidence_id"),
                        rs.getString("file_name") == null ? null : "evidence/%02d-%s".formatted(rs.getInt("position"), rs.getString("file_name")),
                        rs.getString("actor_id"), rs.getString("actor_name"), rs.getString("origin")))
                .list();
    }

    /** Deletes the report's files and their custody log, in the caller's transaction; answers how many files went. */
    int purge(String reportId) {
        jdbc.sql("delete from trust_custody where report_id = :report").param("report", reportId).update();
        return jdbc.sql("delete from trust_evidence where report_id = :report").param("report", reportId).update();
    }

    private byte[] verified(String reportId, EvidenceView file) {
        byte[] sealed = jdbc.sql("select sealed from trust_evidence where id = :id").param("id", file.id())
                .query((rs, n) -> rs.getBytes("sealed")).single();
        byte[] content;
        try {
            content = cipher.open(sealed, file.id());
        } catch (GeneralSecurityException tampered) {
            content = null;
        }
        if (content == null || !MessageDigest.isEqual(sha256(content).getBytes(), file.sha256().getBytes())) {
            Actor actor = Actors.currentOrSystem();
            String origin = origin();
            independently.executeWithoutResult(status ->
                    appendCustody(reportId, file.id(), "INTEGRITY_FAILED", actor.id(), actor.name(), origin, clock.instant()));
            audit.recordIndependently("trust.evidence.integrity-failed", file.id(), AuditTrail.FAILURE,
                    Map.of("report", reportId, "file", file.bundlePath(), "sha256", file.sha256()));
            throw new EvidenceChanged(file);
        }
        return content;
    }

    private void appendCustody(String reportId, String evidenceId, String action, String actorId, String actorName,
                               String origin, Instant at) {
        jdbc.sql("""
                insert into trust_custody (id, report_id, evidence_id, action, actor_id, actor_name, origin, at)
                values (:id, :report, :evidence, :action, :actor, :name, :origin, :at)""")
                .param("id", Ids.next("cdy_")).param("report", reportId).param("evidence", evidenceId).param("action", action)
                .param("actor", actorId).param("name", actorName == null ? actorId : actorName).param("origin", origin)
                .param("at", Db.ts(at)).update();
    }

    private static byte[] zip(List<EvidenceView> files, List<byte[]> contents, byte[] manifest, Instant now) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry entry = new ZipEntry("manifest.json");
            entry.setLastModifiedTime(FileTime.from(now));
            zip.putNextEntry(entry);
            zip.write(manifest);
            zip.closeEntry();
            for (int i = 0; i < files.size(); i++) {
                ZipEntry file = new ZipEntry(files.get(i).bundlePath());
                file.setLastModifiedTime(FileTime.from(files.get(i).receivedAt()));
                zip.putNextEntry(file);
                zip.write(contents.get(i));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The client address and request id of the current request, as the audit log writes them. */
    static String origin() {
        String requestId = MDC.get("requestId");
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return "ip=" + request.getRemoteAddr() + (requestId == null ? "" : " request=" + requestId);
        }
        return requestId == null ? "internal" : "request=" + requestId;
    }

    private static EvidenceView view(ResultSet rs, int row) throws SQLException {
        return new EvidenceView(rs.getString("id"), rs.getInt("position"), rs.getString("file_name"), rs.getString("media_type"),
                rs.getLong("size_bytes"), rs.getString("sha256"), Db.instant(rs, "received_at"));
    }
}
