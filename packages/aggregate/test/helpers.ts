export * from '@sunan/testkit';
