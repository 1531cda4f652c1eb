package io.telepay.platform.web;

import io.telepay.shared.web.Problems;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Answers errors raised outside any controller (container, filters): problem+json for API clients,
 * a plain page for browsers. Never the exception, its message or a stack trace.
 */
@Controller
class ErrorPages implements ErrorController {

    @RequestMapping(value = "/error", produces = "text/html")
    String page(HttpServletRequest request, Model model) {
        int status = status(request);
        model.addAttribute("status", status);
        model.addAttribute("messageKey", "error." + ProblemHandler.slug(status));
        return "error";
    }

    @RequestMapping("/error")
    @ResponseBody
    ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
        int status = status(request);
        ProblemDetail problem = Problems.of(status, ProblemHandler.slug(status), detail(status));
        return ResponseEntity.status(status).contentType(Problems.PROBLEM_JSON).body(problem);
    }

    private static int status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        return status < 400 ? 500 : status;
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "The request could not be understood";
            case 401 -> "Authentication is required";
            case 403 -> "Your role does not allow this";
            case 404 -> "No such resource";
            case 405 -> "Method not allowed";
            case 413 -> "The request body is too large";
            default -> status >= 500 ? "Something went wrong on our side; quote the request id if you contact support"
                    : "Request failed";
        };
    }
}
