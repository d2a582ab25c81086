// The vote page's error line: only a known code from the URL becomes words, in the page's language.
import { describe, expect, it } from "vitest";
import { voteErrorText } from "./page-text";

describe("voteErrorText", () => {
  it("says a known code in English, German and Arabic", () => {
    expect(voteErrorText("comment-too-long", "en")).toBe("Keep the comment to 500 characters.");
    expect(voteErrorText("choose", "de")).toBe("Wählen Sie Ja oder Nein.");
    expect(voteErrorText("too-many", "ar")).toContain("عدد الأصوات");
  });

  it("says nothing for an unknown code or an inherited name", () => {
    expect(voteErrorText("toString", "de")).toBeNull();
    expect(voteErrorText("<script>", "en")).toBeNull();
    expect(voteErrorText(undefined, "en")).toBeNull();
  });
});
