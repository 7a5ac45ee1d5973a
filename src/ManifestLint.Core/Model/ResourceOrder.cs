namespace ManifestLint.Core.Model;

/// <summary>
/// The order in which resources appear in the output: by display path, then by position. Rules that report a
/// pair once (a duplicate, a conflict) report it on the later of the two, so the first stays the reference.
/// </summary>
public sealed class ResourceOrder : IComparer<Resource>
{
    public static ResourceOrder Instance { get; } = new();

    public int Compare(Resource? x, Resource? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var order = string.CompareOrdinal(x.File.Path, y.File.Path);
        return order != 0 ? order : x.Location.Span.Start.CompareTo(y.Location.Span.Start);
    }
}
