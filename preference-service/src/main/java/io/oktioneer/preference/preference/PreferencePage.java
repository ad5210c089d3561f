package io.oktioneer.preference.preference;

import java.util.List;

/** Spring Data's stable page shape: {@code {"content": [...], "page": {size, number, totalElements, totalPages}}}. */
public record PreferencePage(List<Preference> content, Metadata page) {

    public record Metadata(int size, int number, long totalElements, long totalPages) {
    }

    public static PreferencePage of(List<Preference> content, PageRequest request, long totalElements) {
        long totalPages = (totalElements + request.size() - 1) / request.size();
        return new PreferencePage(List.copyOf(content),
                new Metadata(request.size(), request.page(), totalElements, totalPages));
    }
}
