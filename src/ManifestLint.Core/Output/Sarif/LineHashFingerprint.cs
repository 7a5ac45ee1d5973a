using System.Collections;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ManifestLint.Core.Output.Sarif;

/// <summary>
/// Computes <c>partialFingerprints.primaryLocationLineHash</c> values exactly as GitHub's upload-sarif action
/// does (github/codeql-action <c>src/fingerprints.ts</c>). GitHub only fills the fingerprint in when the SARIF
/// goes through upload-sarif; through the REST API results without it become duplicate alerts. Writing the
/// same value ourselves keeps an alert's identity stable however the file is uploaded.
/// </summary>
/// <remarks>
/// The hash of a line covers the first 100 characters from the line's start, ignoring spaces and tabs, so it
/// also depends on the lines that follow. Characters are UTF-16 code units, as JavaScript's <c>charCodeAt</c>
/// sees them. Upstream reads the file as UTF-8 and keeps a byte order mark as U+FEFF, which changes the hash
/// of line 1. To match it, decode with <c>Encoding.UTF8.GetString(bytes)</c>; <c>File.ReadAllText</c> drops the
/// mark.
/// </remarks>
public static class LineHashFingerprint
{
    private const int BlockSize = 100;
    private const ulong Mod = 37;

    // Upstream feeds this code unit once after the last character (its comment says -1, but the code
    // passes 65535), then zeros, so lines near the end still get BlockSize characters of window.
    private const char EndOfFile = '\uffff';

    // Mod^BlockSize in 64-bit wraparound: the weight of the character that leaves the window.
    private static readonly ulong LeavingWeight = ComputeLeavingWeight();

    /// <summary>
    /// Hashes every line of <paramref name="fileText"/>. Element <c>i</c> is the fingerprint of line <c>i + 1</c>,
    /// such as <c>39fa2ee980eb94b0:1</c>. A text ending in a line break has one more (empty) line after it,
    /// and an empty text has one line, because upstream hashes those too.
    /// </summary>
    public static IReadOnlyList<string> ComputeLineHashes(string fileText)
    {
        ArgumentNullException.ThrowIfNull(fileText);
        ReadOnlySpan<char> text = fileText;

        // Only a capacity hint: files using lone CRs just grow the lists as usual.
        int expectedLines = text.Count('\n') + 1;
        var hasher = new RollingHasher(stackalloc char[BlockSize], stackalloc bool[BlockSize], expectedLines);
        foreach (char c in text)
        {
            hasher.Accept(c);
        }

        hasher.Accept(EndOfFile);
        return hasher.Finish();
    }

    /// <summary>
    /// The fingerprint for a 1-based <paramref name="line"/>, or <see langword="null"/> if the file has no such
    /// line. upload-sarif leaves the fingerprint unset then, so callers should omit it too.
    /// </summary>
    public static string? ForLine(IReadOnlyList<string> hashes, int line)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        return line >= 1 && line <= hashes.Count ? hashes[line - 1] : null;
    }

    private static ulong ComputeLeavingWeight()
    {
        ulong weight = 1;
        for (int i = 0; i < BlockSize; i++)
        {
            weight = unchecked(weight * Mod);
        }

        return weight;
    }

    private ref struct RollingHasher
    {
        private readonly Span<char> window;

        // Marks window slots holding the first character of a line. Lines start in order and each slot is
        // revisited exactly BlockSize characters later, so hashes come out in line order and a flag is enough.
        private readonly Span<bool> startsLine;
        private readonly List<LineHash> lines;
        private readonly Dictionary<ulong, int> occurrences;
        private ulong hash;
        private int index;
        private bool atLineStart;
        private bool previousWasCr;

        public RollingHasher(Span<char> window, Span<bool> startsLine, int expectedLines)
        {
            this.window = window;
            this.startsLine = startsLine;
            lines = new List<LineHash>(expectedLines);
            occurrences = new Dictionary<ulong, int>(expectedLines);
            atLineStart = true;
        }

        public void Accept(char c)
        {
            // Upstream clears the CR flag on a skipped space or tab too, so "\r \n" counts as two line breaks.
            if (c is ' ' or '\t' || (previousWasCr && c == '\n'))
            {
                previousWasCr = false;
                return;
            }

            previousWasCr = c == '\r';
            if (previousWasCr)
            {
                c = '\n';
            }

            if (startsLine[index])
            {
                EmitLine();
            }

            if (atLineStart)
            {
                atLineStart = false;
                startsLine[index] = true;
            }

            atLineStart = c == '\n';
            Roll(c);
        }

        public IReadOnlyList<string> Finish()
        {
            for (int i = 0; i < BlockSize; i++)
            {
                if (startsLine[index])
                {
                    EmitLine();
                }

                Roll('\0');
            }

            return new LineHashList(lines);
        }

        private void Roll(char entering)
        {
            char leaving = window[index];
            window[index] = entering;

            // Upstream uses the `long` package's signed 64-bit Long, which wraps; ulong gives the same bits.
            hash = unchecked((Mod * hash) + entering - (LeavingWeight * leaving));
            if (++index == BlockSize)
            {
                index = 0;
            }
        }

        private void EmitLine()
        {
            ref int seen = ref CollectionsMarshal.GetValueRefOrAddDefault(occurrences, hash, out _);
            seen++;
            lines.Add(new LineHash(hash, seen));
            startsLine[index] = false;
        }
    }

    private readonly record struct LineHash(ulong Hash, int Occurrence)
    {
        // Lowercase hex without zero padding, like Long.toUnsigned().toString(16).
        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"{Hash:x}:{Occurrence}");
    }

    // Keeps one 16-byte entry per line and formats on demand: a SARIF log needs only the few lines that
    // carry results, while files may have hundreds of thousands of lines.
    private sealed class LineHashList(List<LineHash> lines) : IReadOnlyList<string>
    {
        public int Count => lines.Count;

        public string this[int index] => lines[index].ToString();

        public IEnumerator<string> GetEnumerator()
        {
            foreach (LineHash line in lines)
            {
                yield return line.ToString();
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
