using Microsoft.EntityFrameworkCore;

namespace VapiAgents.Infrastructure.Persistence.Providers;

public sealed class PostgreSqlApplicationDbContext(DbContextOptions<PostgreSqlApplicationDbContext> options)
    : ApplicationDbContext(options);
