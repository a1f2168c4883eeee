using System.Globalization;
using System.Security.Cryptography;
using NixVfioGen.Cli.Posix;

namespace NixVfioGen.Cli.Output;

/// <summary>
/// Names of the temporary and backup files a write leaves beside its target while it runs:
/// ".NAME~nix-vfio-gen.PID.RANDOM.tmp" (unpredictable, so nobody can plant a file or link there first)
/// and their clean-up after a writer was killed: a file of this shape whose writer is gone.
/// </summary>
internal static class TempFiles
{
    private const string Marker = "~nix-vfio-gen.";

    // Leaves room for the marker, pid and random part within NAME_MAX (255 bytes).
    private const int MaxNameChars = 64;

    public static string For(string target, string suffix)
    {
        var name = Path.GetFileName(target);
        var shortName = name.Length > MaxNameChars ? name[..MaxNameChars] : name;
        var random = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        return Path.Join(Path.GetDirectoryName(target) ?? ".", $".{shortName}{Marker}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.{random}.{suffix}");
    }

    /// <summary>
    /// Removes this tool's temporary and backup files in <paramref name="directory"/> whose writing
    /// process has ended (a kill -9 mid-write leaves them), and that belong to the caller. A live
    /// writer's files are kept: removing them would break its rename.
    /// </summary>
    public static void RemoveStale(string directory)
    {
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFiles(directory, "." + "*" + Marker + "*").ToArray();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (var entry in entries)
        {
            var tail = Path.GetFileName(entry).Split(Marker).Last().Split('.');
            if (tail.Length != 3 || tail[2] is not ("tmp" or "old")
                || !int.TryParse(tail[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || pid == Environment.ProcessId || Directory.Exists($"/proc/{pid}")
                || FileStatus.Of(entry, follow: false) is not { Kind: FileKind.Regular } status || status.Uid != FileStatus.CallerUid)
            {
                continue;
            }
            try
            {
                File.Delete(entry);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // Left for the next run; it never stands in the way of a write (names are random).
            }
        }
    }
}
