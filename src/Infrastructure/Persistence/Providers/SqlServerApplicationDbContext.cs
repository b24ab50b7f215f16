using Microsoft.EntityFrameworkCore;

namespace VapiAgents.Infrastructure.Persistence.Providers;

public sealed class SqlServerApplicationDbContext(DbContextOptions<SqlServerApplicationDbContext> options)
    : ApplicationDbContext(options);
