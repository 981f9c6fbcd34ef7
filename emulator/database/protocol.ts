import { z } from 'zod';

/**
 * Request bodies of the database actions that @cloudbase/node-sdk sends (see
 * node_modules/@cloudbase/database/dist/commonjs/{collection,document,query,aggregate}.js and
 * transaction/index.js). Queries, documents, orders and projections are EJSON strings.
 * Unknown fields (envName, tokens...) are ignored.
 */
const collectionName = z.string().min(1).max(128);
const ejson = z.string().max(16 * 1024 * 1024);
const queryType = z.enum(['WHERE', 'DOC']).optional();
const transactionId = z.string().min(1).max(64).optional();

export const insertParams = z.object({
  collectionName,
  data: z.array(ejson).min(1).max(1000),
  transactionId,
});

export const getParams = z.object({
  collectionName,
  query: ejson.optional(),
  queryType,
  order: ejson.optional(),
  offset: z.number().int().min(0).optional(),
  limit: z.number().int().min(0).optional(),
  projection: ejson.optional(),
  transactionId,
});

export const countParams = z.object({ collectionName, query: ejson.optional(), queryType });

export const modifyParams = z.object({
  collectionName,
  query: ejson.optional(),
  data: ejson,
  queryType,
  multi: z.boolean().optional(),
  merge: z.boolean().optional(),
  upsert: z.boolean().optional(),
  transactionId,
});

export const removeParams = z.object({
  collectionName,
  query: ejson.optional(),
  queryType,
  multi: z.boolean().optional(),
  transactionId,
});

export const aggregateParams = z.object({
  collectionName,
  stages: z.array(z.object({ stageKey: z.string().min(2), stageValue: ejson })).max(100),
});

export const transactionParams = z.object({ transactionId: z.string().min(1).max(64) });

export const addCollectionParams = z.object({ collectionName });

export const requestEnvelope = z.object({ action: z.string().min(1).max(100) });
