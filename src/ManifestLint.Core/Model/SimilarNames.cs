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
        T? best = null;
        var bestDistance = int.MaxValue;
        var normalizedWanted = Normalize(wanted);
        foreach (var candidate in candidates)
        {
            var name = nameOf(candidate);
            if (name == wanted)
            {
                continue;
            }

            var distance = Normalize(name) == normalizedWanted ? 0 : Distance(wanted, name);
            if (distance < bestDistance && distance <= Allowed(wanted))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Two edits for longer names, one for short ones: "db" vs "dc" is a different name, not a typo.</summary>
    private static int Allowed(string wanted) => wanted.Length >= 8 ? 2 : wanted.Length >= 4 ? 1 : 0;

    private static string Normalize(string name) =>
        new([.. name.Where(c => c is not ('-' or '_' or '.')).Select(char.ToLowerInvariant)]);

    /// <summary>Levenshtein distance with adjacent transpositions (optimal string alignment).</summary>
    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2)
        {
            return int.MaxValue;
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
