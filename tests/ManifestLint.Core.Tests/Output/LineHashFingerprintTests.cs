using ManifestLint.Core.Output.Sarif;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ManifestLint.Core.Tests.Output;

[TestClass]
public sealed class LineHashFingerprintTests
{
    // The hash of the line after a final line break (and of an empty file): EOF marker plus zero padding.
    private const string PastLastLineBreak = "c129715d7a2bc9a3:1";

    private static readonly string[] HelloWorldExpected =
    [
        "e9496ae3ebfced30:1",
        "fb7c023a8b9ccb3f:1",
        "ce8ba1a563dcdaca:1",
        "e20e36e16fcb0cc8:1",
        "b3edc88f2938467e:1",
        "c8e28b0b4002a3a0:1",
        PastLastLineBreak,
    ];

    // A manifest with non-ASCII text: accents, CJK, an astral emoji (two UTF-16 code units) and an em dash.
    private static readonly string[] UnicodeManifestLines =
    [
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata:",
        "  name: café-frontend",
        "  labels:",
        "    app.kubernetes.io/name: \"日本語-アプリ\"",
        "  annotations:",
        "    description: \"Rocket 🚀 launcher — naïve façade, Ωmega\"",
        "spec:",
        "  replicas: 3",
        "  template:",
        "    spec:",
        "      containers:",
        "        - name: web",
        "          image: nginx:latest",
        "        - name: web",
        "          image: nginx:latest",
    ];

    // Expected values below come from an independent JavaScript port of fingerprints.ts hash() (BigInt instead
    // of Long) that reproduces all upstream test vectors, run on the same text read from UTF-8 files.
    private static readonly string[] UnicodeManifestExpected =
    [
        "db3970fd437d32a3:1",
        "f49bd01935fa3bd6:1",
        "e0c39d0688a89e12:1",
        "cc29539b20ce947a:1",
        "c7e7eaf3be3b26e7:1",
        "4dc77d3c3447d29a:1",
        "27889bcf114901e:1",
        "6fd7dbf8a592ae51:1",
        "6ce773e3d0d3caf1:1",
        "4b875b9c8d9e482e:1",
        "635d6fc801d7254:1",
        "e3f93fae836ecd18:1",
        "5f851cd0a3a808a1:1",
        "e106b54c07eddc5f:1",
        "f1985a4d26da1e7:1",
        "34ee4a0d349530a5:1",
        "521a25730068637d:1",
        PastLastLineBreak,
    ];

    private static string UnicodeManifest => string.Join('\n', UnicodeManifestLines) + "\n";

    // Ported from github/codeql-action src/fingerprints.test.ts, test "hash": "Try empty file".
    [TestMethod]
    public void Upstream_Hash_EmptyFile()
    {
        AssertHashes("", PastLastLineBreak);
    }

    // Ported from test "hash": "Try various combinations of newline characters" (short lines, no final break).
    [TestMethod]
    public void Upstream_Hash_ShortLinesWithoutFinalLineBreak()
    {
        AssertHashes(
            " a\nb\n  \t\tc\n d",
            "271789c17abda88f:1",
            "54703d4cd895b18:1",
            "180aee12dab6264:1",
            "a23a3dc5e078b07b:1");
    }

    // Ported from test "hash": "Try various combinations of newline characters" (no final line break).
    [TestMethod]
    public void Upstream_Hash_HelloWorldWithoutFinalLineBreak()
    {
        AssertHashes(
            " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End",
            "8b7cf3e952e7aeb2:1",
            "b1ae1287ec4718d9:1",
            "bff680108adb0fcc:1",
            "c6805c5e1288b612:1",
            "b86d3392aea1be30:1",
            "e6ceba753e1a442:1");
    }

    // Ported from test "hash": "Try various combinations of newline characters" (LF, CR, CRLF and mixed).
    [TestMethod]
    [DataRow(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n")]
    [DataRow(" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r")]
    [DataRow(" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n")]
    [DataRow(" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n")]
    public void Upstream_Hash_LineBreakStylesGiveSameHashes(string input)
    {
        AssertHashes(input, HelloWorldExpected);
    }

    // Ported from test "hash": "Try repeating line that will generate identical hashes".
    [TestMethod]
    public void Upstream_Hash_RepeatingLine()
    {
        AssertHashes(
            string.Concat(Enumerable.Repeat("Lorem ipsum dolor sit amet.\n", 10)),
            "a7f2ff13bc495cf2:1",
            "a7f2ff13bc495cf2:2",
            "a7f2ff13bc495cf2:3",
            "a7f2ff13bc495cf2:4",
            "a7f2ff13bc495cf2:5",
            "a7f2ff13bc495cf2:6",
            "a7f2ff1481e87703:1",
            "a9cf91f7bbf1862b:1",
            "55ec222b86bcae53:1",
            "cc97dc7b1d7d8f7b:1",
            PastLastLineBreak);
    }

    // Ported from test "hash": the "x = 2 ... print(x)" case added upstream later.
    [TestMethod]
    public void Upstream_Hash_ShortRepeatedStatements()
    {
        AssertHashes(
            "x = 2\nx = 1\nprint(x)\nx = 3\nprint(x)\nx = 4\nprint(x)\n",
            "e54938cc54b302f1:1",
            "bb609acbe9138d60:1",
            "1131fd5871777f34:1",
            "5c482a0f8b35ea28:1",
            "54517377da7028d2:1",
            "2c644846cb18d53e:1",
            "f1b89f20de0d133:1",
            PastLastLineBreak);
    }

    [TestMethod]
    public void UnicodeManifest_MatchesJavaScriptPort()
    {
        AssertHashes(UnicodeManifest, UnicodeManifestExpected);
    }

    [TestMethod]
    public void CrLfAndLf_GiveIdenticalHashes()
    {
        string lf = UnicodeManifest;
        string crlf = lf.Replace("\n", "\r\n", StringComparison.Ordinal);

        CollectionAssert.AreEqual(
            LineHashFingerprint.ComputeLineHashes(lf).ToArray(),
            LineHashFingerprint.ComputeLineHashes(crlf).ToArray());
    }

    [TestMethod]
    public void LeadingSpacesAndTabs_DoNotChangeHashes()
    {
        string flush = "kind: Pod\nspec:\ncontainers:\n- name: web\n";
        string indented = "kind: Pod\nspec:\n  containers:\n\t  - name: web\n";

        CollectionAssert.AreEqual(
            LineHashFingerprint.ComputeLineHashes(flush).ToArray(),
            LineHashFingerprint.ComputeLineHashes(indented).ToArray());
    }

    [TestMethod]
    public void IdenticalLines_GetIncreasingOccurrenceSuffixes()
    {
        // Each line is longer than the 100-character window, so its hash does not reach into the next line.
        string line = "# " + new string('x', 120) + "\n";

        AssertHashes(
            line + line + line,
            "9d2a89b4835e793f:1",
            "9d2a89b4835e793f:2",
            "9d2a89b4835e793f:3",
            PastLastLineBreak);
    }

    [TestMethod]
    public void EmptyFile_HasOneLine()
    {
        IReadOnlyList<string> hashes = LineHashFingerprint.ComputeLineHashes(string.Empty);

        Assert.AreEqual(1, hashes.Count);
        Assert.AreEqual(PastLastLineBreak, LineHashFingerprint.ForLine(hashes, 1));
        Assert.IsNull(LineHashFingerprint.ForLine(hashes, 2));
    }

    [TestMethod]
    public void FileWithoutFinalLineBreak_HasNoExtraLine()
    {
        string withoutFinalBreak = UnicodeManifest.TrimEnd('\n');

        // Lines 1-9 keep their hashes; from line 10 on the 100-character window reaches the end of the text.
        AssertHashes(
            withoutFinalBreak,
            [
                .. UnicodeManifestExpected.Take(9),
                "4b875b9d4e19cd08:1",
                "f603d9800e445446:1",
                "ca2efaeaa6e9b5fa:1",
                "2f479123d428a213:1",
                "852754e4521d8c71:1",
                "4877f6e57830fe9:1",
                "e3dcbbe9b42747df:1",
                "36b4428631981167:1",
            ]);
    }

    [TestMethod]
    public void ByteOrderMark_ChangesOnlyTheFirstLine()
    {
        string[] expected = ["15e02b0fe9eaf861:1", .. UnicodeManifestExpected.Skip(1)];

        AssertHashes("\uFEFF" + UnicodeManifest, expected);
    }

    [TestMethod]
    public void SpaceBetweenCrAndLf_CountsAsTwoLineBreaks()
    {
        // Upstream forgets the preceding CR when it skips a space or tab, so "\r \n" ends two lines.
        AssertHashes(
            "a\r \nb\r\n\tc\r\r\n",
            "2e855d2b5fd39927:1",
            "bf96951edfdcf7f0:1",
            "b8a367705bcf4346:1",
            "2a9159bd01820062:1",
            "3c5bef55b72b93c9:1",
            PastLastLineBreak);
    }

    [TestMethod]
    public void ForLine_ReturnsNullOutsideTheFile()
    {
        IReadOnlyList<string> hashes = LineHashFingerprint.ComputeLineHashes("a\nb");

        Assert.IsNull(LineHashFingerprint.ForLine(hashes, 0));
        Assert.AreEqual(hashes[0], LineHashFingerprint.ForLine(hashes, 1));
        Assert.AreEqual(hashes[1], LineHashFingerprint.ForLine(hashes, 2));
        Assert.IsNull(LineHashFingerprint.ForLine(hashes, 3));
    }

    [TestMethod]
    public void Enumeration_MatchesIndexer()
    {
        IReadOnlyList<string> hashes = LineHashFingerprint.ComputeLineHashes(UnicodeManifest);

        CollectionAssert.AreEqual(
            Enumerable.Range(0, hashes.Count).Select(i => hashes[i]).ToArray(),
            hashes.ToArray());
    }

    private static void AssertHashes(string input, params string[] expected)
    {
        CollectionAssert.AreEqual(expected, LineHashFingerprint.ComputeLineHashes(input).ToArray());
    }
}
