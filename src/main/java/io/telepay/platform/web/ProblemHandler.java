package io.telepay.platform.web;

import java.util.ArrayList;
import java.util.List;

import io.telepay.shared.InvalidInput;
import io.telepay.shared.TelepayProblem;
import io.telepay.shared.TelepayProblem.FieldError;
import io.telepay.shared.web.Problems;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Turns every exception a controller lets through into problem+json. Client mistakes name the field
 * at fault; anything unexpected is a bare 500 with the request id, its cause only in the log.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(TelepayProblem.class)
    ResponseEntity<ProblemDetail> telepayProblem(TelepayProblem problem) {
        return respond(Problems.of(problem));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return respond(validation(errors));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(validation(List.of(new FieldError(e.getName(), "has an invalid value"))));
    }

    @ExceptionHandler({AccessDeniedException.class})
    ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException e) {
        return respond(Problems.of(403, "forbidden", "Your role does not allow this"));
    }

    @ExceptionHandler({AuthenticationException.class, AuthenticationCredentialsNotFoundException.class})
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
        return respond(Problems.of(401, "unauthorized", "Authentication is required"));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e) {
        if (isDataException(e)) {
            // SQLState class 22: a value the database cannot keep (a NUL character in text, a string longer than
            // its column) that no module check caught - the client's input, so a 400, not a conflict
            log.warn("data exception answered as 400: SQLState {}", sqlState(e));
            return respond(Problems.of(400, "validation",
                    "A text in the request holds a character (such as NUL) or a length that cannot be stored"));
        }
        // modules check their own uniqueness rules first; this is the race where two requests collide
        log.info("data integrity violation answered as 409: {}", e.getMostSpecificCause().getClass().getSimpleName());
        return respond(Problems.of(409, "state-conflict", "The request conflicts with data that already exists"));
    }

    @ExceptionHandler(PessimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> lockFailure(PessimisticLockingFailureException e) {
        log.warn("lock conflict answered as 409", e);
        return respond(Problems.of(409, "concurrent-update", "Another request changed this at the same time; retry"));
    }

    /**
     * A multipart body the container could not parse (truncated, no boundary, a NUL in a file name): the
     * client's bytes, so a 400 naming what is wrong and one log line, never a 500 with a stack trace.
     * Uploads over the limit are {@link MaxUploadSizeExceededException}, answered 413 by the base class.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> unreadableMultipart(MultipartException e, jakarta.servlet.http.HttpServletRequest request) {
        String contentType = request.getContentType();
        boolean boundary = contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).contains("boundary=");
        Throwable root = e.getMostSpecificCause();
        log.info("multipart body refused: {}", root.getClass().getSimpleName());
        FieldError error = boundary ? new FieldError("body", "is not a well-formed multipart/form-data body (truncated, "
                + "or a part header such as a file name holds a character that cannot be read)")
                : new FieldError("Content-Type", "header must name the multipart boundary");
        return respond(validation(List.of(error)));
    }

    /** Spring Security's firewall refused what a handler read (HeaderTextFilter refuses most of it earlier). */
    @ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(org.springframework.security.web.firewall.RequestRejectedException e) {
        log.info("request rejected by the firewall");
        return respond(Problems.of(400, "bad-request", "The request holds a header or path that cannot be read"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected error", e);
        return respond(Problems.of(500, "internal", "Something went wrong on our side; quote the request id if you contact support"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        e.getBindingResult().getFieldErrors()
                .forEach(f -> errors.add(new FieldError(f.getField(), f.getDefaultMessage())));
        e.getBindingResult().getGlobalErrors()
                .forEach(g -> errors.add(new FieldError(g.getObjectName(), g.getDefaultMessage())));
        return cast(respond(validation(errors)));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error -> errors.add(
                new FieldError(result.getMethodParameter().getParameterName(), error.getDefaultMessage()))));
        return cast(respond(validation(errors)));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return cast(respond(validation(List.of(new FieldError(e.getParameterName(), "is required")))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getCause();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof BodySizeLimitFilter.PayloadTooLarge) {
                return cast(respond(Problems.of(413, "payload-too-large", "The request body is too large")));
            }
            if (t instanceof TelepayProblem problem && cause instanceof DatabindException databind) {
                return cast(respond(Problems.of(prefixed(problem, path(databind)))));
            }
        }
        if (cause instanceof DatabindException databind && !path(databind).isEmpty()) {
            return cast(respond(validation(List.of(new FieldError(path(databind), "has the wrong type or format")))));
        }
        String duplicate = cause instanceof JacksonException jackson ? duplicateProperty(jackson) : null;
        if (duplicate != null) {
            return cast(respond(validation(List.of(new FieldError(duplicate, "is given more than once")))));
        }
        if (cause instanceof JacksonException) {
            return cast(respond(Problems.of(400, "malformed-json", "The request body is not valid JSON")));
        }
        return cast(respond(Problems.of(400, "malformed-body", "The request body is missing or unreadable")));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (e instanceof MaxUploadSizeExceededException) {
            return cast(respond(Problems.of(413, "payload-too-large", "The upload is larger than allowed")));
        }
        if (e instanceof MissingRequestHeaderException missing) {
            return cast(respond(validation(List.of(new FieldError(missing.getHeaderName(), "header is required")))));
        }
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail
                : e instanceof ErrorResponse response ? response.getBody()
                : Problems.of(status.value(), "http", "Request failed");
        ProblemDetail normalized = Problems.of(status.value(), slug(status.value()), safeDetail(problem, status));
        return ResponseEntity.status(status).headers(headers).contentType(Problems.PROBLEM_JSON).body(normalized);
    }

    private static String safeDetail(ProblemDetail problem, HttpStatusCode status) {
        return switch (status.value()) {
            case 404 -> "No such resource";
            case 405 -> problem.getDetail() != null ? problem.getDetail() : "Method not allowed";
            case 406 -> "This resource cannot answer in the requested media type";
            case 415 -> problem.getDetail() != null ? problem.getDetail() : "Unsupported media type";
            default -> problem.getDetail() != null ? problem.getDetail() : "Request failed";
        };
    }

    static String slug(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "state-conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 422 -> "rule-violation";
            case 429 -> "too-many-requests";
            default -> status >= 500 ? "internal" : "http";
        };
    }

    private static ProblemDetail validation(List<FieldError> errors) {
        String detail = errors.size() == 1 ? errors.getFirst().field() + " " + errors.getFirst().message()
                : errors.size() + " fields are invalid";
        return Problems.withErrors(Problems.of(400, "validation", detail), errors);
    }

    private static TelepayProblem prefixed(TelepayProblem problem, String path) {
        if (path.isEmpty()) {
            return problem;
        }
        if (problem.errors().isEmpty()) {
            return new InvalidInput(path, problem.getMessage());
        }
        return new InvalidInput(problem.errors().stream()
                .map(f -> new FieldError(f.field().isEmpty() ? path : path + "." + f.field(), f.message()))
                .toList());
    }

    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("Duplicate Object property \"([^\"]{1,100})\"");

    /** The property a body gives twice (STRICT_DUPLICATE_DETECTION), with the path of the object holding it. */
    private static String duplicateProperty(JacksonException e) {
        java.util.regex.Matcher matcher = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (!matcher.find()) {
            return null;
        }
        StringBuilder path = new StringBuilder(matcher.group(1));
        if (e.processor() instanceof tools.jackson.core.JsonParser parser) {
            for (var context = parser.streamReadContext() == null ? null : parser.streamReadContext().getParent();
                 context != null; context = context.getParent()) {
                if (context.currentName() != null) {
                    path.insert(0, context.currentName() + ".");
                }
            }
        }
        return path.toString();
    }

    private static String path(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static boolean isDataException(Throwable e) {
        String state = sqlState(e);
        return state != null && state.startsWith("22");
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.indexOf('.');
        return dot >= 0 ? propertyPath.substring(dot + 1) : propertyPath;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(Problems.PROBLEM_JSON).body(problem);
    }

    @SuppressWarnings("unchecked")
    private static ResponseEntity<Object> cast(ResponseEntity<?> response) {
        return (ResponseEntity<Object>) response;
    }
}
