using System.Text;

namespace NixVfioGen.Cli.Output;

/// <summary>Writes files whole or not at all: a temp file beside the target, then a rename over it.</summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes every file, or none of them is changed and no temp file is left.</summary>
    public static void WriteAll(IReadOnlyList<(string Path, string Text)> files)
    {
        var staged = new List<(string Temp, string Target)>();
        try
        {
            foreach (var (path, text) in files)
            {
                var target = Path.GetFullPath(path);
                var directory = Path.GetDirectoryName(target) ?? ".";
                var temp = Path.Combine(directory, $".{Path.GetFileName(target)}.{Environment.ProcessId}.tmp");
                staged.Add((temp, target));
                File.WriteAllText(temp, text, Utf8NoBom);
            }
            foreach (var (temp, target) in staged)
            {
                File.Move(temp, target, overwrite: true);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            foreach (var (temp, _) in staged)
            {
                TryDelete(temp);
            }
            throw new CliInputException($"cannot write '{CliInputException.Printable(files[Math.Max(0, staged.Count - 1)].Path)}': {error.Message}");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done; the original files are untouched either way.
        }
    }
}
