# The IOC server with the built dashboard. Built by docker/docker-compose.yml (context: the
# repository root). Runs `node server/dist/main.js`: SIGTERM drains and exits within 10 s.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json nx.json tsconfig.base.json ./
COPY shared/package.json shared/
COPY db/package.json db/
COPY server/package.json server/
COPY dashboard/package.json dashboard/
COPY test/package.json test/
# As .ci/run installs (npm ci refuses a lockfile without the other platforms' optional binaries,
# which the registry these machines reach does not serve): the locked versions all the same.
RUN npm install --no-audit --no-fund
COPY shared shared
COPY db db
COPY server server
COPY dashboard dashboard
RUN NX_DAEMON=false npx nx run-many -t build --projects=@ioc/shared,@ioc/db,@ioc/server,@ioc/dashboard \
 && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/shared/package.json shared/
COPY --from=build /app/shared/dist shared/dist
COPY --from=build /app/db/package.json db/
COPY --from=build /app/db/dist db/dist
COPY --from=build /app/server/package.json server/
COPY --from=build /app/server/dist server/dist
COPY --from=build /app/dashboard/dist dashboard/dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "server/dist/main.js"]
