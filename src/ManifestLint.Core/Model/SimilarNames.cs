namespace ManifestLint.Core.Model;

/// <summary>
/// Finds the name a user most likely meant when a reference names nothing ("did you mean 'app-config'?"):
/// the same name up to case and separators, or a close spelling. Only near misses count, so a suggestion is
/// a real lead, never noise.
/// </summary>
public static class SimilarNames
{
    public static T? Closest<T>(string wanted, IEnumerable<T> candidates, Func<T, string> nameOf)
        where T : class
    {
        // Called once per missing reference over a namespace's objects of a kind: nothing here allocates per candidate.
        T? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var name = nameOf(candidate);
            if (name == wanted)
            {
                continue;
            }

            var distance = SameWhenNormalized(name, wanted) ? 0 : Distance(wanted, name);
            if (distance < bestDistance && IsClose(wanted, name, distance))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Whether <paramref name="candidate"/> is a near miss of <paramref name="wanted"/> (the test <see cref="Closest"/> applies to each candidate).</summary>
    public static bool IsSimilar(string wanted, string candidate) =>
        candidate != wanted && IsClose(wanted, candidate, SameWhenNormalized(candidate, wanted) ? 0 : Distance(wanted, candidate));

    private static bool IsClose(string wanted, string candidate, int distance) =>
        distance <= Allowed(wanted) || distance == 1 && IsTransposition(wanted, candidate);

    /// <summary>
    /// Whether two values are one edit apart (a letter added, dropped, changed, or two swapped), for values of at least
    /// three letters. Label values are compared this way: a selector value one letter from a pod's ("vot" for "vote")
    /// is a typo, where two short object names one letter apart may well be two objects.
    /// </summary>
    public static bool OneEditApart(string a, string b) =>
        a != b && Math.Min(a.Length, b.Length) >= 3 && Distance(a, b) == 1;

    /// <summary>
    /// Two letters swapped ("wbe" for "web"): a typo even in a short name, where a changed letter ("api", "apx") is more
    /// often a different name.
    /// </summary>
    private static bool IsTransposition(string a, string b) =>
        a.Length == b.Length && a.Length >= 3 && a.Order().SequenceEqual(b.Order());

    /// <summary>Two edits for longer names, one for short ones: "db" vs "dc" is a different name, not a typo.</summary>
    private static int Allowed(string wanted) => wanted.Length >= 8 ? 2 : wanted.Length >= 4 ? 1 : 0;

    /// <summary>Equal once separators ('-', '_', '.') are dropped and case is ignored.</summary>
    private static bool SameWhenNormalized(string a, string b)
    {
        var (i, j) = (0, 0);
        while (true)
        {
            while (i < a.Length && a[i] is '-' or '_' or '.')
            {
                i++;
            }

            while (j < b.Length && b[j] is '-' or '_' or '.')
            {
                j++;
            }

            if (i == a.Length || j == b.Length)
            {
                return i == a.Length && j == b.Length;
            }

            if (char.ToLowerInvariant(a[i++]) != char.ToLowerInvariant(b[j++]))
            {
                return false;
            }
        }
    }

    /// <summary>Levenshtein distance with adjacent transpositions (optimal string alignment).</summary>
    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2)
        {
            return int.MaxValue;
        }

        // Three rolling rows (two back for transpositions) instead of the whole matrix.
        var width = b.Length + 1;
        Span<int> rows = width <= 256 ? stackalloc int[3 * width] : new int[3 * width];
        var twoBack = rows[..width];
        var previous = rows[width..(2 * width)];
        var current = rows[(2 * width)..];
        for (var j = 0; j < width; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j < width; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], twoBack[j - 2] + 1);
                }
            }

            var spare = twoBack;
            twoBack = previous;
            previous = current;
            current = spare;
        }

        return previous[b.Length];
    }
}
