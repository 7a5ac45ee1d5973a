namespace ManifestLint.Rules.SingleObject;

/// <summary>
/// A container image reference, <c>[registry[:port]/]path[:tag][@digest]</c>, split the way the container runtime
/// reads it: the tag is what follows the last ':' after the last '/', so a registry's port is never a tag.
/// </summary>
public sealed record ImageReference(string Repository, string? Tag, string? Digest, bool IsTemplated)
{
    private static readonly string[] TemplateMarkers = ["${", "{{", "$(", "<", ">"];

    public static ImageReference? Parse(string image)
    {
        var text = image.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        var templated = TemplateMarkers.Any(m => text.Contains(m, StringComparison.Ordinal));
        string? digest = null;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = text[(at + 1)..];
            text = text[..at];
        }

        var colon = text.LastIndexOf(':');
        if (colon > text.LastIndexOf('/'))
        {
            return new ImageReference(text[..colon], text[(colon + 1)..], digest, templated);
        }

        return new ImageReference(text, null, digest, templated);
    }
}
