package io.telepay.customer.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.telepay.customer.lead.ImportIssue;
import io.telepay.customer.lead.ImportJob;
import io.telepay.customer.lead.LeadImports;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.Page;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * CSV lead imports: upload as {@code multipart/form-data} with the file in part {@code file} (columns name,
 * phone, email, source, campaign; header row; UTF-8), optional {@code ownerId}, {@code source} and
 * {@code campaign} (defaults for empty cells). Answered 202 with the job; poll {@code GET /leads/imports/{id}}.
 */
@RestController
@RequestMapping("/api/v1/leads/imports")
@PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN')")
class LeadImportController {

    private final LeadImports imports;

    LeadImportController(LeadImports imports) {
        this.imports = imports;
    }

    /** The job with the addresses of its issue report. */
    record JobView(@JsonUnwrapped ImportJob job, int progress, String issues, String issuesCsv) {
        static JobView of(ImportJob job) {
            String base = "/api/v1/leads/imports/" + job.id();
            return new JobView(job, job.progress(), base + "/issues", base + "/issues.csv");
        }
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<JobView> upload(@RequestParam(required = false) MultipartFile file,
                                   @RequestParam(required = false) String ownerId,
                                   @RequestParam(required = false) String source,
                                   @RequestParam(required = false) String campaign) {
        if (file == null) {
            throw new InvalidInput("file", "is required: the CSV as multipart part 'file'");
        }
        LeadImports.Request request = new LeadImports.Request(file.getOriginalFilename(), ownerId, source, campaign);
        try (InputStream in = file.getInputStream()) {
            ImportJob job = imports.start(in, request);
            return ResponseEntity.accepted().location(URI.create("/api/v1/leads/imports/" + job.id())).body(JobView.of(job));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Newest first: the caller's own imports and their team's (admins: all). */
    @GetMapping
    Page<JobView> list(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        Page<ImportJob> page = imports.list(cursor, Page.limit(limit));
        return new Page<>(page.items().stream().map(JobView::of).toList(), page.nextCursor());
    }

    @GetMapping("/{id}")
    JobView get(@PathVariable String id) {
        return JobView.of(imports.get(id));
    }

    /** Row order; {@code cursor} is the {@code nextCursor} of the previous page. */
    @GetMapping("/{id}/issues")
    Page<ImportIssue> issues(@PathVariable String id, @RequestParam(required = false) String cursor,
                             @RequestParam(required = false) Integer limit) {
        return imports.issues(id, cursor, Page.limit(limit));
    }

    /**
     * Every issue as CSV (row, field, kind, reason), written page by page straight to the response — on the
     * request thread, where the caller's authentication lives.
     */
    @GetMapping(value = "/{id}/issues.csv", produces = "text/csv")
    void issuesCsv(@PathVariable String id, HttpServletResponse response) throws IOException {
        ImportJob job = imports.get(id);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + id + "-issues.csv\"");
        imports.writeIssuesCsv(job, new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
    }
}
