namespace NixVfioGen.Doctor;

/// <summary>A file's mode and size, as stat reports them.</summary>
public sealed record FileFacts(UnixFileMode Mode, long Size);
